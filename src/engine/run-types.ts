/** What every kind of run needs from its host, and what it gives back. */
import type { AppEvent } from '../shared/contract.js';
import type { RunSummary } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import type { TaskDispatcher } from './task-dispatcher.js';
import type { WorkerHostFactory } from './worker-host.js';

/** How a run's dispatcher is made: how many workers, with what limits, on which clock. */
export interface DispatcherRequest {
  workers: number;
  threads: number;
  taskTimeoutMs: number;
  /** Ms since the run started: every time a dispatcher reports is on this clock. */
  clock: () => number;
}

/** The host's part: where runs are stored, how workers start, where events go. */
export interface RunContext {
  store: RunStore;
  hostFactory: WorkerHostFactory;
  onEvent: (event: AppEvent) => void;
  /**
   * Makes the dispatcher image tasks go to; by default a local `WorkerPool` on `hostFactory`.
   * The queue (other machines) plugs in here.
   */
  dispatcherFactory?: (request: DispatcherRequest) => TaskDispatcher;
  /** One-line notices for the user while a run goes on (e.g. the database is locked). */
  onNotice?: (message: string) => void;
}

/** A started run. */
export interface RunHandle {
  runId: number;
  /**
   * Resolves when the run has ended (completed, cancelled or failed) and is recorded; never
   * rejects: a failure is a summary with status `failed` and its reason.
   */
  finished: Promise<RunSummary>;
  /** Stops dispatch, ends in-flight work, removes temp files; the run is stored as cancelled. */
  cancel(): void;
}
