/**
 * Temp files a download run left in its folder when it could not clean up (a second Ctrl-C, a
 * crash, a killed process): the next run into the folder removes those of every run that is no
 * longer running, and leaves a run that is still going (another process) alone.
 */
import { readdir } from 'node:fs/promises';
import type { RunStore } from '../../db/run-store.js';
import { removeStrayTemps, runIdOfTempName } from '../temp-names.js';

/** Removes temps of ended runs found in `dir` (and theirs below it, e.g. processed/); returns how many went. */
export async function removeTempsOfEndedRuns(dir: string, store: RunStore): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const runIds = new Set<number>();
  for (const name of names) {
    const runId = runIdOfTempName(name);
    if (runId !== null) runIds.add(runId);
  }
  let removed = 0;
  for (const runId of runIds) {
    // The store marked runs of dead processes `interrupted` when it opened.
    if (store.getRun(runId)?.status === 'running') continue;
    removed += await removeStrayTemps(dir, { runId });
  }
  return removed;
}
