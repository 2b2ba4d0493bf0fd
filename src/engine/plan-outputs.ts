/**
 * Decides where each scanned image is written. The output tree mirrors the input tree; no two
 * sources may write the same output (compared case-insensitively where the output folder's file
 * system is, as on macOS and Windows; probed, not assumed),
 * no output may replace an input, and an existing output is overwritten, skipped or avoided by a
 * numbered name, as the user chose.
 */
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ExistingMode, OutputFormat } from '../shared/settings.js';
import type { WritableFormat } from '../shared/worker-messages.js';
import { describeFsError } from './fs-error-words.js';
import { OutputListings } from './output-listings.js';
import { realPathOfMaybeMissing } from './output-folder-guard.js';
import { describeInputs, sameInputAsOutput } from './output-layout.js';
import type { InputLayout } from './output-layout.js';
import { numberedName, outputFileName, outputFormatFor } from './output-names.js';
import { MAX_NUMBERED_NAMES } from '../media/numbered-name.js';
import { exactPathKey, isSamePathOrInside, pathKey } from './path-relations.js';
import { OutputFolderError, prepareOutputFolder } from './output-folder-check.js';
import { entryLabel, printableName } from './scan-entry.js';
import type { ImageEntry, ScanEntry } from './scan-entry.js';
import { MAX_NAME_BYTES, tempPathFor } from './temp-names.js';
import type { GeometrySettings } from '../shared/output-geometry.js';
import { OutputNamer } from './templated-names.js';
import { verdictFromContent } from './classify-file.js';
import { keptOriginalPath } from '../shared/kept-original.js';

/** What the planner needs to know about the run. */
export interface OutputPlannerOptions {
  /** The run's inputs as given (the scanner's entry roots are these, resolved). */
  inputs: readonly string[];
  outDir: string;
  format: OutputFormat;
  existing: ExistingMode;
  /** Goes into temp names, so a resumed or cancelled run finds its own leftovers. */
  runId: number;
  /** How outputs are named (name-template.ts) and the settings that size them ({w}, {h}). */
  naming?: { template: string; geometry: GeometrySettings } | null;
  /**
   * `--only-smaller`: an input kept by an earlier run sits under its own extension beside the
   * planned name (kept-original.ts), and with `existing: 'skip'` it counts as the output.
   */
  onlySmaller?: boolean;
}

/** Where one entry goes: an output (with its temp name and format), or why it is skipped or failed. */
export type OutputPlan =
  | { output: string; temp: string; outputFormat: WritableFormat }
  | { skip: string }
  | { fail: string };

/** Plans outputs one entry at a time, remembering what earlier entries took. */
export interface OutputPlanner {
  /**
   * Plans `entry` (`taskId` goes into its temp name). Calls are answered in the order they are
   * made, so "the second of two clashing sources fails" follows the scan order.
   */
  plan(entry: ScanEntry, taskId: number): Promise<OutputPlan>;
  /**
   * Gives back an output name planned earlier that will not be written after all (its source
   * turned out not to be an image, or of another format), so a later source may take it.
   */
  release(output: string): void;
  /**
   * Learns that `entry`'s image was written to `output` instead of its planned name (another
   * run took that one first), so no later source of this run is planned onto it.
   */
  took(output: string, entry: ImageEntry): void;
  /** Things the user should be told once, e.g. that two inputs share a name and how they are kept apart. */
  readonly notices: readonly string[];
}

export { OutputFolderError } from './output-folder-check.js';

/**
 * Creates a planner. Throws `OutputFolderError` when `outDir` is an input, a file, in a system
 * tree or cannot be made.
 */
export async function createOutputPlanner(options: OutputPlannerOptions): Promise<OutputPlanner> {
  return (await prepareOutputPlanner(options))(options.runId);
}

/**
 * Checks the output folder against the inputs and returns a maker of the run's planner, so a
 * run is refused (`OutputFolderError`) before anything about it is stored, and planned once its
 * id (which goes into temp names) is known.
 */
export async function prepareOutputPlanner(
  options: Omit<OutputPlannerOptions, 'runId'>,
): Promise<(runId: number) => OutputPlanner> {
  const outDir = resolve(options.outDir);
  // Before the folder is made: an output folder that is an input must not be touched at all.
  const outRealBefore = await realPathOfMaybeMissing(outDir);
  const clash = sameInputAsOutput(
    await describeInputs(options.inputs, outRealBefore),
    outDir,
    outRealBefore,
  );
  if (clash) {
    throw new OutputFolderError(
      `The output folder ${outDir} is the input ${clash}; choose another folder so the originals are never overwritten.`,
    );
  }
  const facts = await prepareOutputFolder(outDir);
  const outReal = await realPathOfMaybeMissing(outDir);
  const layout = await describeInputs(options.inputs, outReal);
  const key = facts.caseSensitive ? exactPathKey : pathKey;
  return (runId) => new Planner(outDir, { ...options, runId }, layout, key);
}

/** What an output name is taken by: the source that took it, and whether it took a numbered name. */
interface Reservation {
  label: string;
  numbered: boolean;
}

class Planner implements OutputPlanner {
  private readonly reserved = new Map<string, Reservation>();
  private readonly onDisk = new OutputListings();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly namer: OutputNamer | null;
  readonly notices: readonly string[];

  constructor(
    private readonly outDir: string,
    private readonly options: OutputPlannerOptions,
    private readonly layout: InputLayout,
    /** When two output paths name one file there: `pathKey`, or `exactPathKey` where case matters. */
    private readonly key: (path: string) => string,
  ) {
    this.notices = layout.notices;
    this.namer = options.naming
      ? new OutputNamer(options.naming.template, options.naming.geometry)
      : null;
  }

  plan(entry: ScanEntry, taskId: number): Promise<OutputPlan> {
    const planned = this.queue.then(() => this.planNow(entry, taskId));
    this.queue = planned.catch(() => undefined);
    return planned;
  }

  release(output: string): void {
    this.reserved.delete(this.key(output));
  }

  took(output: string, entry: ImageEntry): void {
    this.reserved.set(this.key(output), { label: entryLabel(entry), numbered: true });
  }

  private async planNow(scanned: ScanEntry, taskId: number): Promise<OutputPlan> {
    if (scanned.verdict !== 'image') {
      return scanned.verdict === 'skip' ? { skip: scanned.reason } : { fail: scanned.reason };
    }
    let entry = scanned;
    const label = entryLabel(entry);
    let fileName = basename(entry.relativePath);
    if (this.namer) {
      const named = await this.namer.name(entry);
      if ('problem' in named) return { fail: `${label}: ${named.problem}` };
      if (named.sniffed && !entry.checked) {
        // The name template had to read the file: what it is decides, as the worker's look would.
        const found = verdictFromContent(entry, entry.size, named.sniffed);
        if (found.verdict !== 'image')
          return found.verdict === 'skip' ? { skip: found.reason } : { fail: found.reason };
        entry = found;
      }
      fileName = named.fileName;
    }
    const outputFormat = outputFormatFor(this.options.format, entry.format);
    const natural = this.naturalOutput(entry, outputFileName(fileName, outputFormat));
    const shown = printableName(relative(this.outDir, natural));
    if (Buffer.byteLength(basename(natural)) > MAX_NAME_BYTES) {
      return {
        fail: `${label}: the output name ${shown} would be longer than file systems allow (255 bytes)`,
      };
    }
    const protectedBy = this.inputAt(natural, entry);
    if (protectedBy) {
      return {
        fail: `${label}: the output ${shown} would replace ${protectedBy}; inputs are never overwritten`,
      };
    }
    const holder = this.reserved.get(this.key(natural));
    if (holder && !holder.numbered) {
      return {
        fail: `${label}: would write the same output as ${holder.label} (${shown}); not processed`,
      };
    }
    let output: string | null = natural;
    if (holder) {
      // Only a `rename` run hands out numbered names, so only a `rename` run gets here.
      output = await this.freeNumberedName(natural, entry);
    } else {
      const onDisk = await this.onDisk.whatIsAt(natural);
      if (onDisk instanceof Error)
        return { fail: `${label}: cannot write ${shown} (${describeFsError(onDisk)})` };
      const kept = onDisk === 'nothing' ? await this.keptEarlier(natural, entry) : null;
      if (kept) return { skip: `${label}: ${kept} (its original, kept) already exists, skipped` };
      if (onDisk !== 'nothing') {
        if (onDisk.isDirectory()) {
          return {
            fail: `${label}: cannot write ${shown} because a folder with that name is in the way`,
          };
        }
        if (this.options.existing === 'skip')
          return { skip: `${label}: output ${shown} already exists, skipped` };
        if (this.options.existing === 'rename')
          output = await this.freeNumberedName(natural, entry);
      }
    }
    if (output === null) {
      return { fail: `${label}: no free name like ${shown} is left in the output folder` };
    }
    this.reserved.set(this.key(output), { label, numbered: output !== natural });
    return { output, temp: tempPathFor(output, this.options.runId, taskId), outputFormat };
  }

  /**
   * The shown name of the original an earlier `--only-smaller` run kept instead of `natural`,
   * when it is there and this run skips existing outputs: skipped now, not encoded to be refused.
   */
  private async keptEarlier(natural: string, entry: ImageEntry): Promise<string | null> {
    if (this.options.existing !== 'skip' || !this.options.onlySmaller) return null;
    const kept = keptOriginalPath(natural, entry.source);
    if (kept === natural) return null;
    const onDisk = await this.onDisk.whatIsAt(kept);
    if (onDisk instanceof Error || onDisk === 'nothing' || onDisk.isDirectory()) return null;
    return printableName(relative(this.outDir, kept));
  }

  /** `outDir/<folders>/name` for one input, `outDir/<input name>/<folders>/name` for several. */
  private naturalOutput(entry: ImageEntry, name: string): string {
    const input = this.layout.byRoot.get(entry.root);
    if (!input) throw new Error(`Entry from ${entry.root}, which is not an input of this planner`);
    if (input.isFile) return join(this.outDir, name);
    const folder = dirname(entry.relativePath);
    const base = this.layout.single ? this.outDir : join(this.outDir, input.topName);
    return join(base, folder === '.' ? '' : folder, name);
  }

  /** The input `path` would overwrite (its own source, a file input, or a file in an input folder), or null. */
  private inputAt(path: string, entry: ImageEntry): string | null {
    if (this.key(path) === this.key(entry.source)) return 'its own original';
    for (const input of this.layout.inputs) {
      if (input.isFile && this.key(input.path) === this.key(path))
        return `the input file ${input.path}`;
      // Only an input inside the output folder can be reached by an output at all.
      if (!input.isFile && input.insideOutDir && isSamePathOrInside(path, input.real)) {
        return `a file in the input folder ${input.path}`;
      }
    }
    return null;
  }

  /** The first `x-N.jpg` not planned, not an input and not on disk, or null. */
  private async freeNumberedName(natural: string, entry: ImageEntry): Promise<string | null> {
    const folder = dirname(natural);
    for (let n = 1; n <= MAX_NUMBERED_NAMES; n += 1) {
      const candidate = join(folder, numberedName(basename(natural), n));
      if (Buffer.byteLength(basename(candidate)) > MAX_NAME_BYTES) return null;
      if (this.reserved.has(this.key(candidate)) || this.inputAt(candidate, entry)) continue;
      if ((await this.onDisk.whatIsAt(candidate)) === 'nothing') return candidate;
    }
    return null;
  }
}
