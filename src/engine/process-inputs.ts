/**
 * What a process run checks before it is stored: the inputs exist, the output folder can be
 * used, and (for a resumed run) what was already done. Anything wrong here is a `UsageError`
 * and leaves no run behind.
 */
import { stat } from 'node:fs/promises';
import type { ProcessSettings } from '../shared/settings.js';
import type { RunStore } from '../db/run-store.js';
import { OutputFolderError, prepareOutputPlanner } from './plan-outputs.js';
import type { OutputPlanner } from './plan-outputs.js';
import { UsageError } from './usage-error.js';

/** The runs a resumed run continues, and the sources they finished ok (not redone). */
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
    });
  } catch (error) {
    throw error instanceof OutputFolderError ? new UsageError(error.message) : error;
  }
  const resumed = request.resumedFrom ? resumedChain(context.store, request.resumedFrom) : null;
  return { planner, resumed };
}

/** The run being resumed and the runs it resumed in turn, with the sources they finished ok. */
function resumedChain(store: RunStore, runId: number): ResumedRuns {
  const okSources = new Set<string>();
  const runIds: number[] = [];
  let id: number | null = runId;
  while (id !== null && !runIds.includes(id)) {
    const previous = store.getRun(id);
    if (!previous) break;
    runIds.push(id);
    for (const item of store.itemsWithStatus(id, ['ok'])) okSources.add(item.source);
    id = previous.resumedFrom;
  }
  return { runIds, okSources };
}
