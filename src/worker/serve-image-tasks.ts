/**
 * The worker's service loop: validates every message from the parent, runs one image at a time,
 * and answers with the result (or the error in words) plus this process's resource figures.
 */
import sharp from 'sharp';
import { parentToWorkerSchema } from '../shared/worker-messages.js';
import type { WorkerStats, WorkerToParent } from '../shared/worker-messages.js';
import { missingCase } from '../shared/missing-case.js';
import type { ParentPort } from './parent-port.js';
import { describeImageError } from './describe-image-error.js';
import { runPipeline } from './run-pipeline.js';

function stats(): WorkerStats {
  const cpu = process.cpuUsage();
  // maxRSS (KiB) is the true peak, not a sample taken after the image is done.
  return {
    rssBytes: process.resourceUsage().maxRSS * 1024,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
  };
}

/** Serves image tasks until the parent says shutdown or goes away. */
export function serveImageTasks(parent: ParentPort): void {
  const post = (message: WorkerToParent) => parent.post(message);
  // Each image is processed once: libvips' operation cache would only hold memory.
  sharp.cache(false);
  // Ctrl-C in a terminal reaches the whole process group; the parent decides what stops.
  process.on('SIGINT', () => {});
  parent.onParentGone(() => process.exit(0));

  let queue = Promise.resolve();
  parent.onMessage((raw) => {
    const parsed = parentToWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      post({
        type: 'log',
        level: 'error',
        message: `worker: ignored an invalid message: ${parsed.error.issues[0]?.message ?? ''}`,
      });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'init':
        sharp.concurrency(message.threads);
        return;
      case 'task': {
        const { task } = message;
        queue = queue.then(() =>
          runPipeline(task).then(
            (result) => post({ type: 'done', taskId: task.taskId, result, stats: stats() }),
            (error: unknown) =>
              post({
                type: 'failed',
                taskId: task.taskId,
                error: describeImageError(error),
                stats: stats(),
              }),
          ),
        );
        return;
      }
      case 'shutdown':
        void queue.then(() => process.exit(0));
        return;
      default:
        missingCase(message);
    }
  });
  post({ type: 'ready', pid: process.pid });
}
