/**
 * Names every machine agrees on without discovery: one fixed task queue, a results queue per
 * run, job ids that make adding a task twice harmless, and where workers say they are connected.
 */

/** The one queue every `photobatch worker` takes image tasks from. */
export const TASK_QUEUE = 'photobatch-tasks';

/** BullMQ's key prefix for our queues (its default, said once here). */
export const QUEUE_PREFIX = 'bull';

/** The queue a run's results come back on (durable, unlike the capped event stream). */
export function resultsQueueName(runId: number): string {
  return `photobatch-results-r${runId}`;
}

/** The task's job id: adding the same item twice (a re-queue after an outage) adds nothing. */
export function taskJobId(runId: number, item: number): string {
  return `r${runId}-i${item}`;
}

/** The run and item of a task job id, or null when it is not one of ours. */
export function parseTaskJobId(jobId: string): { runId: number; item: number } | null {
  const match = /^r(\d+)-i(\d+)$/.exec(jobId);
  return match ? { runId: Number(match[1]), item: Number(match[2]) } : null;
}

/**
 * Where a connected worker says who it is: a key that expires unless renewed, so a machine that
 * stops answering drops out on Redis's clock, not on anyone's wall clock.
 */
export function workerKey(name: string): string {
  return `${WORKER_KEY_PREFIX}${name}`;
}
/** The prefix of `workerKey`, for listing them. */
export const WORKER_KEY_PREFIX = 'photobatch:worker:';

/** The channel a coordinator announces a run's end on (cancelled, or done with its tasks). */
export const RUN_ENDED_CHANNEL = 'photobatch:run-ended';

/**
 * Set when a run has ended, for workers that missed the announcement: a task of it still in
 * Redis (a try redone after a lost lock) is dropped, not done. Cleared when a run of the same
 * number starts (run numbers are per history database).
 */
export function runEndedKey(runId: number): string {
  return `photobatch:ended:r${runId}`;
}

/**
 * Which machine last started each of a run's tasks (item → name). BullMQ's own `processedBy` is
 * the machine that *found* a task lost too often, not the one that stopped answering.
 */
export function holdersKey(runId: number): string {
  return `photobatch:holders:r${runId}`;
}

/** Held while a run is under way; its value says which coordinator holds the run's number. */
export function runMarkerKey(runId: number): string {
  return `photobatch:run:r${runId}`;
}
