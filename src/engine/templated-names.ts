/**
 * Names outputs with the run's name template (src/shared/name-template.ts): fills its tokens for
 * one input, reading the file's header and EXIF only when the template uses {w}, {h} or {date}.
 * The sizes are planGeometry's, the maths the worker sizes its pipeline with, so {w}x{h} is the
 * size written.
 */
import { basename, extname } from 'node:path';
import {
  fillNameTemplate,
  filledNameProblem,
  parseNameTemplate,
  tokensOf,
} from '../shared/name-template.js';
import type { NameTemplate } from '../shared/name-template.js';
import { planGeometry } from '../shared/output-geometry.js';
import type { GeometrySettings } from '../shared/output-geometry.js';
import type { SniffResult } from '../media/sniff-image.js';
import { describeFsError } from './fs-error-words.js';
import { claimsToBePicture } from './image-names.js';
import { readNameFacts } from './name-facts.js';
import type { ImageEntry } from './scan-entry.js';

/** The planner's naming from a run's settings: its template and what sizes it, or null. */
export function namingOf(
  settings: GeometrySettings & { nameTemplate?: string | null },
): { template: string; geometry: GeometrySettings } | null {
  if (!settings.nameTemplate) return null;
  const { fit, fill, position, longEdge, scale, rotate, crop } = settings;
  return {
    template: settings.nameTemplate,
    geometry: { fit, fill, position, longEdge, scale, rotate, crop },
  };
}

/** An output's file name (its extension still to be fitted to the format), or why there is none. */
export type NamedOutput = { fileName: string; sniffed: SniffResult | null } | { problem: string };

/** Fills one run's template for each of its inputs. */
export class OutputNamer {
  private readonly template: NameTemplate;
  private readonly needsSize: boolean;
  private readonly needsDate: boolean;

  constructor(
    source: string,
    private readonly geometry: GeometrySettings,
  ) {
    const parsed = parseNameTemplate(source);
    // The settings' schema checked it at the boundary; a bad one here is a bug, not input.
    if (typeof parsed === 'string') throw new Error(`unchecked name template: ${parsed}`);
    this.template = parsed;
    const tokens = tokensOf(parsed);
    this.needsSize = tokens.has('w') || tokens.has('h');
    this.needsDate = tokens.has('date');
  }

  /** The name for `entry`, from its name, its place in the run and, if asked, its header. */
  async name(entry: ImageEntry): Promise<NamedOutput> {
    const original = basename(entry.relativePath);
    const extension = claimsToBePicture(original) ? extname(original) : '';
    let size = { width: 0, height: 0 };
    let date = '';
    let sniffed: SniffResult | null = null;
    if (this.needsSize || this.needsDate) {
      let facts;
      try {
        facts = await readNameFacts(entry.source, { size: this.needsSize, date: this.needsDate });
      } catch (error) {
        return { problem: `cannot be read to name its output (${describeFsError(error)})` };
      }
      sniffed = facts.sniffed;
      date = facts.date ?? '';
      if (this.needsSize && facts.sniffed.kind === 'image') {
        if (!facts.oriented)
          return {
            problem: `its size could not be read from its header, and the name template's {w}/{h} need it`,
          };
        const plan = planGeometry(facts.oriented, this.geometry);
        if (typeof plan === 'string') return { problem: plan };
        size = plan.output;
      }
    }
    const fileName = fillNameTemplate(this.template, {
      name: extension ? original.slice(0, -extension.length) : original,
      ext: extension.slice(1),
      w: size.width,
      h: size.height,
      index: entry.index ?? 1,
      date,
    });
    const problem = filledNameProblem(fileName);
    return problem ? { problem } : { fileName, sniffed };
  }
}
