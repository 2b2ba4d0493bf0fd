/**
 * What a coordinator does before a queue run is stored: check the URL and the server (one line
 * and exit 2 for each problem, nothing stored), start its own `--local-workers` on the same queue
 * (mixed mode), and hand the run a queue dispatcher.
 */
import os from 'node:os';
import type { DispatcherRequest } from '../run-types.js';
import type { TaskDispatcher } from '../task-dispatcher.js';
import type { WorkerHostFactory } from '../worker-host.js';
import { checkQueueServer } from './queue-connection.js';
import { QueueDispatcher } from './queue-dispatcher.js';
import { queueTimings } from './queue-timings.js';
import { parseQueueUrl } from './queue-url.js';
import { QueueWorker } from './queue-worker.js';

/** How the coordinator reaches the queue. */
export interface QueueRequest {
  /** The URL as given, and the option it came from (for messages). */
  url: string;
  option: string;
  /** Worker processes of this machine on the same queue (0: only other machines). */
  localWorkers: number;
  threads: number;
  taskTimeoutMs: number;
  hostFactory: WorkerHostFactory;
  onNotice: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** A checked queue, ready for a run. */
export interface PreparedQueue {
  /** Where the queue is, without its password. */
  shown: string;
  dispatcherFactory(request: DispatcherRequest): TaskDispatcher;
  /** Stops the local workers (after the run). */
  release(): Promise<void>;
}

/** Checks the queue (a `UsageError` in words) and starts the local workers if any. */
export async function prepareQueue(request: QueueRequest): Promise<PreparedQueue> {
  const url = parseQueueUrl(request.url, request.option);
  await checkQueueServer(url, request.option);
  const timings = queueTimings(request.env);
  const local =
    request.localWorkers > 0
      ? new QueueWorker({
          url,
          name: `${os.hostname()}-${process.pid}-local`,
          concurrency: request.localWorkers,
          threads: request.threads,
          mappings: [],
          hostFactory: request.hostFactory,
          timings,
          taskTimeoutMs: request.taskTimeoutMs,
          onNotice: request.onNotice,
        })
      : null;
  return {
    shown: url.shown,
    dispatcherFactory: (r) =>
      new QueueDispatcher({ url, timings, clock: r.clock, onNotice: request.onNotice }),
    release: async () => {
      await local?.stop();
    },
  };
}
