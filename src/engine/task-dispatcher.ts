/**
 * The one seam between a run and whatever does its image work: the local worker pool
 * (`WorkerPool`), or a queue that feeds workers on other machines. Runs submit self-contained
 * tasks (paths in, files out) and get self-contained outcomes back, with times on the run's clock;
 * they never talk to worker processes directly.
 */
import type { WorkerActivity } from '../shared/contract.js';
import type { MachineShare } from '../shared/records.js';
import type { SniffResult } from '../media/sniff-image.js';
import type { TaskResult, WorkerTask } from '../shared/worker-messages.js';

/** One image to process, as a run submits it (the dispatcher numbers it). */
export type ImageTask = Omit<WorkerTask, 'taskId'>;

/** Where and when a task ran, on the run's clock (ms since the run started). */
interface Placement {
  workerId: number | null;
  /** Tries it took: a worker that died or hung on it costs one. */
  attempts: number;
  startMs: number | null;
  endMs: number;
}

/** How one submitted task ended (after at most one retry on a crash or time-out). */
export type TaskOutcome =
  | ({ kind: 'done'; result: TaskResult; workerId: number; startMs: number } & Placement)
  | ({ kind: 'failed'; error: string } & Placement)
  /** The bytes were not what `expect` said: nothing was written; the run decides what follows. */
  | ({ kind: 'mismatch'; sniffed: SniffResult } & Placement);

/** Resource figures of the processes that did a run's image work. */
export interface WorkerFigures {
  cpuMs: number;
  peakRssWorkerBytes: number;
  sumPeakRssBytes: number;
}

/** Versions of the image library the workers run, as they reported them. */
export interface ImageLibraryVersions {
  sharp: string;
  libvips: string;
}

/** The stored run a dispatcher works for, once it exists (the queue names its jobs after it). */
export interface DispatchedRun {
  id: number;
  inputs: string[];
  outDir: string;
}

/** What a run needs from whatever does its image work. */
export interface TaskDispatcher {
  /**
   * Told once the run is stored (the dispatcher was made before, so workers start early); a
   * failure of what it starts then is reported through `submit`.
   */
  bindRun?(run: DispatchedRun): void;
  /** Queues a task; resolves when it has ended. Rejects only with `CancelledError`. */
  submit(task: ImageTask): Promise<TaskOutcome>;
  /** What each worker lane is doing now. */
  activity(): WorkerActivity[];
  /** CPU and memory of every worker process so far. */
  stats(): WorkerFigures;
  /** The machines that did the work, when not only this one (absent: this computer). */
  machines?(): MachineShare[];
  /** The image library's versions, once a worker has said them; null before. */
  versions(): ImageLibraryVersions | null;
  /** Waits for every submitted task, then releases the workers. */
  close(): Promise<void>;
  /** Stops at once: in-flight work ends, pending submissions reject with `CancelledError`. */
  cancel(): Promise<void>;
}

/** Thrown into pending submissions when a dispatcher is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
