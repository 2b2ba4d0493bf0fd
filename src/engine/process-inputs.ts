/**
 * What a process run checks before it is stored: the inputs exist, the output folder can be
 * used, and (for a resumed run) what was already done. Anything wrong here is a `UsageError`
 * and leaves no run behind.
 */
import { stat } from 'node:fs/promises';
import type { ItemRecord } from '../shared/records.js';
import type { ProcessSettings } from '../shared/settings.js';
import type { RunStore } from '../db/run-store.js';
import { OutputFolderError, prepareOutputPlanner } from './plan-outputs.js';
import type { OutputPlanner } from './plan-outputs.js';
import { UsageError } from './usage-error.js';
import { namingOf } from './templated-names.js';

/**
 * The runs a resumed run continues, and the sources they finished ok whose outputs are still on
 * disk as written (not redone).
 */
export interface ResumedRuns {
  runIds: number[];
  okSources: Set<string>;
}

/** A process run's checked outputs: its planner (once its id is known) and what it resumes. */
export interface PreparedOutputs {
  planner: (runId: number) => OutputPlanner;
  resumed: ResumedRuns | null;
}

async function checkInputs(inputs: string[], outDir: string): Promise<void> {
  if (inputs.length === 0) throw new UsageError('no input given: name a folder or image files');
  for (const input of inputs) {
    try {
      await stat(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (input === outDir)
      throw new UsageError(`${input}: the output folder cannot be an input folder`);
  }
}

/** Checks inputs and output folder; refuses with a `UsageError` before anything is stored. */
export async function prepareOutputs(
  inputs: string[],
  outDir: string,
  settings: ProcessSettings,
  request: { resumedFrom?: number | null },
  context: { store: RunStore },
): Promise<PreparedOutputs> {
  await checkInputs(inputs, outDir);
  let planner;
  try {
    planner = await prepareOutputPlanner({
      inputs,
      outDir,
      format: settings.format,
      existing: settings.existing,
      naming: namingOf(settings),
      onlySmaller: settings.onlySmaller,
    });
  } catch (error) {
    throw error instanceof OutputFolderError ? new UsageError(error.message) : error;
  }
  const resumed = request.resumedFrom
    ? await resumedChain(context.store, request.resumedFrom)
    : null;
  return { planner, resumed };
}

/**
 * The run being resumed and the runs it resumed in turn, with the sources they finished ok and
 * whose outputs are still there: the database alone said "done" for outputs deleted since.
 */
async function resumedChain(store: RunStore, runId: number): Promise<ResumedRuns> {
  const okItems: ItemRecord[] = [];
  const runIds: number[] = [];
  let id: number | null = runId;
  while (id !== null && !runIds.includes(id)) {
    const previous = store.getRun(id);
    if (!previous) break;
    runIds.push(id);
    okItems.push(...store.itemsWithStatus(id, ['ok']));
    id = previous.resumedFrom;
  }
  const okSources = new Set<string>();
  // A few dozen stats at once: a disk's latency, not its throughput, bounds this.
  for (let start = 0; start < okItems.length; start += STATS_AT_ONCE) {
    const batch = okItems.slice(start, start + STATS_AT_ONCE);
    const still = await Promise.all(batch.map(outputStillThere));
    batch.forEach((item, i) => {
      if (still[i]) okSources.add(item.source);
    });
  }
  return { runIds, okSources };
}

const STATS_AT_ONCE = 32;

/**
 * True when the item's output is on disk with the size and modification time it was written
 * with (items stored before schema 5 have no time: their size alone is checked).
 */
async function outputStillThere(item: ItemRecord): Promise<boolean> {
  if (!item.output) return false;
  const found = await stat(item.output).catch(() => null);
  if (!found?.isFile()) return false;
  if (item.bytesOut !== null && found.size !== item.bytesOut) return false;
  return item.outputMtimeMs == null || found.mtimeMs === item.outputMtimeMs;
}
