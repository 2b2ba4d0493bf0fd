/**
 * Which files the window may see pictures of. The rule (one place; the full-file route of a run's
 * results can share it): a file is never asked for by a free path, only by a reference the engine
 * handed out — a photo of a selection the engine scanned (selection id + index), or a stored
 * run's item (run id + item seq + side `in`/`out`). The path behind the reference must be
 * absolute with no `..` segment, its real path (symlinks resolved) must be a regular file, and
 * that real path must lie inside the real path of one of its roots: the selection's inputs or
 * the run's inputs for `in`, the run's output folder for `out`. Anything else: null (a 404).
 */
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import type { RunStore } from '../db/run-store.js';

/** What a picture request names. */
export type PictureRef =
  | { kind: 'selection'; selectionId: string; index: number; large: boolean }
  | { kind: 'run'; runId: number; seq: number; side: 'in' | 'out' };

/** A photo a scan found: its path as reached, and its format (for a preview's `keep`). */
export interface ScannedPhoto {
  path: string;
  format: string;
}

/** A scanned selection: its input roots and the photos found in them, in scan order. */
interface Selection {
  roots: string[];
  photos: ScannedPhoto[];
}

/** How often, and how long apart, a running run's item not stored yet is looked for again. */
const RUNNING_ITEM_WAITS = 10;
const RUNNING_ITEM_WAIT_MS = 200;

/** Selections kept at once (several tabs, or a choice and the one before it). */
const SELECTIONS_KEPT = 8;

const hasDotDot = (p: string) => p.split(/[\\/]/).includes('..');

/**
 * The real path of `file` if it obeys the rule above for `roots`, else null. Exported so that
 * every route that serves a run's or a selection's files applies the same rule.
 */
export async function confinedRealPath(
  file: string,
  roots: readonly string[],
): Promise<string | null> {
  if (!path.isAbsolute(file) || hasDotDot(file)) return null;
  const real = await realpath(file).catch(() => null);
  if (!real) return null;
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return null;
  for (const root of roots) {
    if (!path.isAbsolute(root) || hasDotDot(root)) continue;
    const realRoot = await realpath(root).catch(() => null);
    if (!realRoot) continue;
    if (real === realRoot) return real; // a file given as an input itself
    const rel = path.relative(realRoot, real);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return real;
  }
  return null;
}

/** The references handed out, and how they resolve. */
export class PictureAccess {
  private readonly selections = new Map<string, Selection>();

  constructor(private readonly store: RunStore) {}

  /** Registers what a scan found; returns the id its pictures are asked for by. */
  addSelection(roots: readonly string[], photos: readonly ScannedPhoto[]): string {
    const id = randomBytes(9).toString('base64url');
    this.selections.set(id, { roots: [...roots], photos: [...photos] });
    while (this.selections.size > SELECTIONS_KEPT) {
      this.selections.delete(this.selections.keys().next().value!);
    }
    return id;
  }

  /** A selection's photo (not yet confined), or null. */
  selectionPhoto(selectionId: string, index: number): ScannedPhoto | null {
    return this.selections.get(selectionId)?.photos[index] ?? null;
  }

  /**
   * The real path `ref` stands for, or null when it is not one the rule allows. A running run's
   * item can be asked for before the run's writer has stored it (writes are batched, every
   * 100 ms, longer while the database is busy): it is looked for again for a moment before the
   * answer is no, so the window does not get a 404 for a photo that is there.
   */
  async resolve(ref: PictureRef): Promise<string | null> {
    const found = await this.resolveNow(ref);
    if (found || ref.kind !== 'run') return found;
    for (let wait = 0; wait < RUNNING_ITEM_WAITS; wait++) {
      if (this.store.getRun(ref.runId)?.status !== 'running') break;
      await delay(RUNNING_ITEM_WAIT_MS);
      const again = await this.resolveNow(ref);
      if (again) return again;
    }
    return null;
  }

  private async resolveNow(ref: PictureRef): Promise<string | null> {
    if (ref.kind === 'selection') {
      const selection = this.selections.get(ref.selectionId);
      const photo = selection?.photos[ref.index];
      return selection && photo ? confinedRealPath(photo.path, selection.roots) : null;
    }
    const run = this.store.getRun(ref.runId);
    const item = run ? this.store.getItem(ref.runId, ref.seq) : null;
    if (!run || !item) return null;
    if (ref.side === 'in') {
      // Download runs: the input is the saved file, inside the run's folder.
      if (run.kind === 'download') {
        const saved = item.download?.savedPath ?? null;
        return saved ? confinedRealPath(saved, [run.outDir]) : null;
      }
      return confinedRealPath(item.source, run.inputs);
    }
    // Not the stored status: the window hears an item is done before the run's writer has
    // stored it (writes are batched). The output must exist, and be inside the output folder.
    if (item.status === 'failed' || !item.output) return null;
    return confinedRealPath(item.output, [run.outDir]);
  }
}

/**
 * Parses the path of a picture URL (after its prefix): `selection/<id>/<index>[/large]` or
 * `run/<runId>/<seq>/<in|out>`; null for anything else.
 */
export function parsePictureRef(rest: string): PictureRef | null {
  const parts = rest.split('/');
  const large = parts.length === 4 && parts[3] === 'large';
  if ((parts.length === 3 || large) && parts[0] === 'selection') {
    const index = wholeNumber(parts[2]!);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(parts[1]!) || index === null) return null;
    return { kind: 'selection', selectionId: parts[1]!, index, large };
  }
  if (parts.length === 4 && parts[0] === 'run') {
    const runId = wholeNumber(parts[1]!);
    const seq = wholeNumber(parts[2]!);
    const side = parts[3];
    if (runId === null || seq === null || (side !== 'in' && side !== 'out')) return null;
    return { kind: 'run', runId, seq, side };
  }
  return null;
}

function wholeNumber(text: string): number | null {
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}
