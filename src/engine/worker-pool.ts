// PLACEHOLDER SIGNATURE — being implemented now by the lead; do not edit.
import type { TaskResult, WorkerTask } from '../shared/worker-messages.js';
import type { WorkerActivity } from '../shared/contract.js';
import type { WorkerHostFactory } from './worker-host.js';

/** How one submitted task ended (after at most one retry on a crash or time-out). */
export type PoolTaskOutcome =
  | { ok: true; result: TaskResult; workerId: number; attempts: number; startMs: number; endMs: number }
  | { ok: false; error: string; workerId: number | null; attempts: number; startMs: number | null; endMs: number };

/** Options of a pool. `clock` gives ms since the run started (all times are on it). */
export interface WorkerPoolOptions {
  size: number;
  threads: number;
  hostFactory: WorkerHostFactory;
  taskTimeoutMs: number;
  clock: () => number;
}

/** N worker processes; tasks dispatched as workers become free. */
export declare class WorkerPool {
  constructor(options: WorkerPoolOptions);
  /** Queues a task; resolves when it is done or has failed for good. Rejects only if cancelled. */
  submit(task: Omit<WorkerTask, 'taskId'>, onStart?: (workerId: number, startMs: number) => void): Promise<PoolTaskOutcome>;
  /** What each worker is doing now. */
  activity(): WorkerActivity[];
  /** Resource figures so far. */
  stats(): { cpuMs: number; peakRssWorkerBytes: number; sumPeakRssBytes: number };
  /** Waits for queued work, then ends the workers. */
  close(): Promise<void>;
  /** Stops dispatch, kills in-flight work, rejects pending tasks with a CancelledError. */
  cancel(): Promise<void>;
}
