/** What every kind of run needs from its host, and what it gives back. */
import type { AppEvent } from '../shared/contract.js';
import type { RunSummary } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import type { WorkerHostFactory } from './worker-host.js';

/** The host's part: where runs are stored, how workers start, where events go. */
export interface RunContext {
  store: RunStore;
  hostFactory: WorkerHostFactory;
  onEvent: (event: AppEvent) => void;
}

/** A started run. */
export interface RunHandle {
  runId: number;
  /** Resolves when the run has ended (completed or cancelled) and is stored. */
  finished: Promise<RunSummary>;
  /** Stops dispatch, ends in-flight work, removes temp files; the run is stored as cancelled. */
  cancel(): void;
}
