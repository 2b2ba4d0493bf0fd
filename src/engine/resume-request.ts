/**
 * Which runs can be resumed, and how: a cancelled, failed or interrupted process run continues as
 * a new run linked to it (its finished photos are not redone). Refusals are `CommandFailure`-like
 * sentences naming the run.
 */
import type { RunRecord } from '../shared/records.js';
import type { ProcessRunRequest } from './process-run.js';
import { UsageError } from './usage-error.js';

/** The request that continues `run`; throws a `UsageError` in words when it cannot be resumed. */
export function resumeRequest(run: RunRecord, stillActive: boolean): ProcessRunRequest {
  if (run.kind !== 'process' || !run.settings.process)
    throw new UsageError(`Run ${run.id} is a ${run.kind} run; it is resumed as a download.`);
  if (stillActive || run.status === 'running')
    throw new UsageError(`Run ${run.id} is still running; there is nothing to resume yet.`);
  if (run.status === 'completed')
    throw new UsageError(`Run ${run.id} completed; there is nothing left to resume.`);
  return {
    inputs: run.inputs,
    outDir: run.outDir,
    settings: run.settings.process,
    label: run.label,
    resumedFrom: run.id,
  };
}

/**
 * The request that processes again just the failed photos of `run` ("Retry failed"), as a new run
 * linked to it; throws a `UsageError` in words when there is nothing to retry.
 */
export function retryFailedRequest(
  run: RunRecord,
  failedSources: readonly string[],
  stillActive: boolean,
): ProcessRunRequest {
  if (run.kind !== 'process' || !run.settings.process)
    throw new UsageError(`Run ${run.id} is a ${run.kind} run; resume it to fetch what failed.`);
  if (stillActive || run.status === 'running')
    throw new UsageError(`Run ${run.id} is still running; retry its failures once it has ended.`);
  if (failedSources.length === 0)
    throw new UsageError(`Run ${run.id} has no failed photos to retry.`);
  return {
    inputs: run.inputs,
    outDir: run.outDir,
    settings: run.settings.process,
    label: run.label,
    resumedFrom: run.id,
    onlySources: failedSources,
  };
}
