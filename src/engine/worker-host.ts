/**
 * How the pool talks to one worker process, whatever launched it: `fork-host.ts`
 * (child_process.fork: CLI, web shell, tests) or `src/main/utility-host.ts` (Electron utilityProcess).
 */
import type { ParentToWorker } from '../shared/worker-messages.js';

/** One worker process as the pool sees it. */
export interface WorkerHost {
  /** OS process id once known. */
  readonly pid: number | undefined;
  /** Sends a message; returns false if the process is gone. */
  send(message: ParentToWorker): boolean;
  /** Every message the worker sends, unvalidated (the pool validates). */
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process has exited, for any reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends the process at once (SIGKILL where there are signals). */
  kill(): void;
}

/** What a host needs to start a worker. */
export interface WorkerSpawnOptions {
  workerId: number;
  /** libvips threads, also used to size the libuv pool. */
  threads: number;
  /** Extra environment for the worker (UV_THREADPOOL_SIZE, MALLOC_ARENA_MAX…). */
  env: Record<string, string>;
}

/** Starts one worker process. */
export type WorkerHostFactory = (options: WorkerSpawnOptions) => WorkerHost;
