/**
 * The queue's intervals. Defaults follow the issue (a killed worker's tasks redone within 60 s);
 * tests shorten them through the environment, which every process of a test inherits.
 */

/** Intervals of a queue run, in ms. */
export interface QueueTimings {
  /** A job's lock; a worker that stops renewing it loses the job after this. */
  lockMs: number;
  /** How often workers look for jobs whose lock ran out. */
  stalledMs: number;
  /** How long a worker's "I am connected" key lives unless renewed. */
  heartbeatTtlMs: number;
  /** No worker connected for this long: one warning. */
  noWorkerWarnMs: number;
  /** Redis unreachable for this long: the run's pending items fail. */
  outageLimitMs: number;
  /** How often the coordinator checks its jobs are still there (Redis restarted empty). */
  reconcileMs: number;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The intervals, from `PHOTOBATCH_QUEUE_*_MS` where set. */
export function queueTimings(env: NodeJS.ProcessEnv = process.env): QueueTimings {
  const lockMs = fromEnv(env, 'PHOTOBATCH_QUEUE_LOCK_MS', 30_000);
  return {
    lockMs,
    stalledMs: fromEnv(env, 'PHOTOBATCH_QUEUE_STALLED_MS', lockMs),
    heartbeatTtlMs: fromEnv(env, 'PHOTOBATCH_QUEUE_HEARTBEAT_MS', 10_000),
    noWorkerWarnMs: fromEnv(env, 'PHOTOBATCH_QUEUE_NO_WORKER_MS', 30_000),
    outageLimitMs: fromEnv(env, 'PHOTOBATCH_QUEUE_OUTAGE_MS', 120_000),
    reconcileMs: fromEnv(env, 'PHOTOBATCH_QUEUE_RECONCILE_MS', 2_000),
  };
}
