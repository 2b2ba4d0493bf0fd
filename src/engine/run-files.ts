/**
 * The one rule for which files of a run may be read by the window: (runId, seq, side) → a path,
 * or a refusal in words. The path always comes from the store, never from a URL; its real path
 * (links resolved, at the moment of asking) must still lie inside the run's own inputs (input
 * side) or its output folder (output side), so a link swapped in after the run is refused.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ItemRecord, RunRecord } from '../shared/records.js';
import type { FileSide } from '../shared/run-file-paths.js';

/** What run-files needs of the store. */
export interface RunFileStore {
  getRun(id: number): RunRecord | null;
  getItem(runId: number, seq: number): ItemRecord | null;
}

/** A file of a run that may be read. */
export interface RunFile {
  ok: true;
  /** Its real path (links resolved), to open. */
  path: string;
  size: number;
  mtimeMs: number;
  /** Its path under the folder it was found in (for a zip entry or a download's name). */
  relativePath: string;
}

/** Why a file is not served (the route answers 404 whatever the reason). */
export interface RunFileRefusal {
  ok: false;
  reason: string;
}

async function realOrNull(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch {
    return null;
  }
}

/** Where an item's file of `side` is recorded, and the folders it must lie inside. */
function candidate(
  run: RunRecord,
  item: ItemRecord,
  side: FileSide,
): { file: string | null; roots: string[] } {
  if (side === 'output') {
    return { file: item.status === 'ok' ? item.output : null, roots: [run.outDir] };
  }
  // A download's input is the file it saved, in the run's folder; a process run's, its source.
  if (run.kind === 'download')
    return { file: item.download?.savedPath ?? null, roots: [run.outDir] };
  return { file: item.source, roots: run.inputs };
}

/**
 * The real path of `file` when it lies inside one of `roots` (also resolved), with its path
 * relative to that root; null otherwise, or when either does not exist.
 */
export async function confinedPath(
  file: string,
  roots: readonly string[],
): Promise<{ real: string; relativePath: string } | null> {
  if (!path.isAbsolute(file)) return null;
  const real = await realOrNull(file);
  if (real === null) return null;
  for (const root of roots) {
    const realRoot = await realOrNull(root);
    if (realRoot === null) continue;
    if (real === realRoot) return { real, relativePath: path.basename(real) };
    const rel = path.relative(realRoot, real);
    if (rel !== '' && !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel))
      return { real, relativePath: rel };
  }
  return null;
}

/** Resolves (runId, seq, side) to a readable regular file of that run, or says why not. */
export async function resolveRunFile(
  store: RunFileStore,
  runId: number,
  seq: number,
  side: FileSide,
): Promise<RunFile | RunFileRefusal> {
  const run = store.getRun(runId);
  if (!run) return { ok: false, reason: `there is no run ${runId}` };
  const item = store.getItem(runId, seq);
  if (!item) return { ok: false, reason: `run ${runId} has no item ${seq}` };
  return resolveItemFile(run, item, side);
}

/** Like `resolveRunFile`, for an item already read (the zip reads them all at once). */
export async function resolveItemFile(
  run: RunRecord,
  item: ItemRecord,
  side: FileSide,
): Promise<RunFile | RunFileRefusal> {
  const { file, roots } = candidate(run, item, side);
  if (file === null)
    return { ok: false, reason: `item ${item.seq} of run ${run.id} has no ${side}` };
  const confined = await confinedPath(file, roots);
  if (!confined) {
    return {
      ok: false,
      reason: `the ${side} of item ${item.seq} is not inside run ${run.id}'s ${side === 'output' ? 'output folder' : 'inputs'} (or is gone)`,
    };
  }
  const info = await stat(confined.real).catch(() => null);
  if (!info?.isFile())
    return { ok: false, reason: `the ${side} of item ${item.seq} is not a file` };
  return {
    ok: true,
    path: confined.real,
    size: info.size,
    mtimeMs: info.mtimeMs,
    relativePath: confined.relativePath,
  };
}
