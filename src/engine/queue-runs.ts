/**
 * Runs through a queue from the window (and `resume --queue`): the same `prepareQueue` and
 * `QueueDispatcher` as `photobatch process --queue`, loaded only when a queue is asked for, so a
 * local run never loads BullMQ. The queue is checked before the run is stored (a bad URL, no
 * answer, a wrong password or an evicting Redis is an error in words and no run).
 */
import type { QueueWorkers } from '../shared/contract.js';
import { startProcessRun } from './process-run.js';
import type { ProcessRunRequest } from './process-run.js';
import type { RunContext, RunHandle } from './run-types.js';

/** Which queue, and how many processes of this computer serve it too. */
export interface QueueChoice {
  url: string;
  localWorkers: number;
}

/** Who serves the queue at `url` now (`queue:workers`). */
export async function askQueue(url: string): Promise<QueueWorkers> {
  const { askQueueWorkers } = await import('./queue/queue-workers-check.js');
  return askQueueWorkers(url);
}

/** Starts a process run whose tasks go to the queue; its local workers stop when it ends. */
export async function startQueueRun(
  request: ProcessRunRequest,
  queue: QueueChoice,
  context: RunContext,
  option = 'Queue',
): Promise<RunHandle> {
  const { prepareQueue } = await import('./queue/queue-setup.js');
  const prepared = await prepareQueue({
    url: queue.url,
    option,
    localWorkers: queue.localWorkers,
    threads: request.settings.threads,
    taskTimeoutMs: request.settings.timeoutMs,
    hostFactory: context.hostFactory,
    onNotice: context.onNotice ?? (() => undefined),
  });
  let handle: RunHandle;
  try {
    handle = await startProcessRun(request, {
      ...context,
      dispatcherFactory: prepared.dispatcherFactory,
    });
  } catch (error) {
    await prepared.release();
    throw error;
  }
  const release = () => prepared.release().catch(() => undefined);
  void handle.finished.then(release, release);
  return handle;
}
