/**
 * Workers forked before their run exists. A worker needs about half a second to start (Node,
 * then libvips); a command that knows its settings at once (the CLI's `process`) forks them
 * before it opens the store and checks its inputs, so that time overlaps with its own start-up.
 * The run takes the pool through `dispatcherFactory`; a run that never starts releases it.
 */
import type { ProcessSettings } from '../shared/settings.js';
import type { DispatcherRequest } from './run-types.js';
import type { TaskDispatcher } from './task-dispatcher.js';
import type { WorkerHostFactory } from './worker-host.js';
import { WorkerPool } from './worker-pool.js';

/** A pool waiting for its run. */
export interface EarlyPool {
  /** For `RunContext.dispatcherFactory`: hands over the pool, on the run's clock. */
  dispatcherFactory(request: DispatcherRequest): TaskDispatcher;
  /** Ends the workers if no run took them (a usage error, say); harmless after a hand-over. */
  release(): Promise<void>;
}

/** Forks `settings.workers` workers now. */
export function forkPoolEarly(
  settings: ProcessSettings,
  hostFactory: WorkerHostFactory,
): EarlyPool {
  let clock: () => number = () => 0;
  let taken = false;
  const pool = new WorkerPool({
    size: settings.workers,
    threads: settings.threads,
    hostFactory,
    taskTimeoutMs: settings.timeoutMs,
    clock: () => clock(),
  });
  return {
    dispatcherFactory(request) {
      if (request.workers !== settings.workers || request.threads !== settings.threads) {
        // Not the run it was forked for: a fresh pool, and these workers go.
        void pool.cancel();
        return new WorkerPool({
          size: request.workers,
          threads: request.threads,
          hostFactory,
          taskTimeoutMs: request.taskTimeoutMs,
          clock: request.clock,
        });
      }
      taken = true;
      clock = request.clock;
      return pool;
    },
    async release() {
      if (!taken) await pool.cancel();
    },
  };
}
