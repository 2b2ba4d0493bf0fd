/**
 * The worker's service loop: validates every message from the parent, keeps the tasks it is
 * given in order (the pool keeps WORKER_QUEUE_DEPTH of them here), reads the next file ahead
 * while the current image is processed, and answers each task with its result (or the error in
 * words), when it ran on this worker's clock, and this process's resource figures.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { parentToWorkerSchema } from '../shared/worker-messages.js';
import type { WorkerStats, WorkerTask, WorkerToParent } from '../shared/worker-messages.js';
import { missingCase } from '../shared/missing-case.js';
import { SNIFF_BYTES } from '../media/sniff-image.js';
import type { ParentPort } from './parent-port.js';
import { contentMismatch } from './content-check.js';
import { describeImageError } from './describe-image-error.js';
import { runPipeline } from './run-pipeline.js';
import { makePicture } from './make-picture.js';

function stats(): WorkerStats {
  const cpu = process.cpuUsage();
  // maxRSS (KiB) is the true peak, not a sample taken after the image is done.
  return {
    rssBytes: process.resourceUsage().maxRSS * 1024,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
  };
}

/** A file too large to read ahead: libvips reads it from its path; `head` is for the content check. */
interface LargeInput {
  path: string;
  size: number;
  head: Buffer;
}

interface Queued {
  task: WorkerTask;
  /** The file's bytes (or why they could not be read), read the moment the task arrives. */
  read: { bytes: Buffer } | { large: LargeInput } | { error: unknown };
}

/**
 * Files up to this size are read whole ahead of their turn (it measurably helped throughput on
 * photos); larger ones are left to libvips, which streams from the path and checks
 * `--max-pixels` from the header, so a worker's memory no longer grows with the file (a 1 GB
 * file took 1.17 GB, and Node refuses to read one over 2 GiB at all).
 */
export const READ_AHEAD_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads an input at once, synchronously: a task arrives while the previous image is in
 * libvips' own thread, so this thread is free to read ahead, and one system-call sequence costs
 * less than the thread-pool round trips of an async read on every image.
 */
function readInput(path: string): Queued['read'] {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const stats = fstatSync(fd);
    // A file that became a folder since the scan: said in words, not as a raw EISDIR.
    if (stats.isDirectory())
      throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
    if (stats.size <= READ_AHEAD_MAX_BYTES) return { bytes: readFileSync(fd) };
    const head = Buffer.alloc(SNIFF_BYTES);
    const read = readSync(fd, head, 0, SNIFF_BYTES, 0);
    return { large: { path, size: stats.size, head: head.subarray(0, read) } };
  } catch (error) {
    return { error };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Serves image tasks until the parent says shutdown or goes away. */
export function serveImageTasks(parent: ParentPort): void {
  const post = (message: WorkerToParent) => parent.post(message);
  // Each image is processed once: libvips' operation cache would only hold memory.
  sharp.cache(false);
  // Ctrl-C in a terminal reaches the whole process group; the parent decides what stops.
  process.on('SIGINT', () => {});
  parent.onParentGone(() => process.exit(0));

  const queue: Queued[] = [];
  let busy = false;
  let shuttingDown = false;
  let pictures: Promise<void> = Promise.resolve();

  const serveOne = async ({ task, read }: Queued): Promise<void> => {
    const startedAt = performance.now();
    try {
      if ('error' in read) throw read.error;
      const sniffed = contentMismatch(task, 'bytes' in read ? read.bytes : read.large.head);
      if (sniffed) {
        post({
          type: 'mismatch',
          taskId: task.taskId,
          sniffed,
          startedAt,
          endedAt: performance.now(),
          stats: stats(),
        });
        return;
      }
      const input = 'bytes' in read ? read.bytes : read.large;
      const result = await runPipeline(task, input, startedAt);
      post({
        type: 'done',
        taskId: task.taskId,
        result,
        startedAt,
        endedAt: performance.now(),
        stats: stats(),
      });
    } catch (error) {
      post({
        type: 'failed',
        taskId: task.taskId,
        error: describeImageError(error),
        startedAt,
        endedAt: performance.now(),
        stats: stats(),
      });
    }
  };

  const pump = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    for (let next = queue.shift(); next; next = queue.shift()) await serveOne(next);
    busy = false;
    if (shuttingDown) process.exit(0);
  };

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
      case 'task':
        // Read errors are answered when the task's turn comes.
        queue.push({ task: message.task, read: readInput(message.task.source) });
        void pump();
        return;
      case 'picture':
        // One picture at a time, after the one before; a run's pool never sends these.
        pictures = pictures.then(() =>
          makePicture(message.job).then(
            (result) => post({ type: 'picture:done', jobId: message.job.jobId, result }),
            (error: unknown) =>
              post({
                type: 'picture:failed',
                jobId: message.job.jobId,
                error: describeImageError(error),
              }),
          ),
        );
        return;
      case 'shutdown':
        shuttingDown = true;
        if (!busy) process.exit(0);
        return;
      default:
        missingCase(message);
    }
  });
  // Said only now that messages are listened to: a message sent earlier could be lost (a
  // utility process's port does not queue for a listener that is not there yet).
  post({
    type: 'ready',
    pid: process.pid,
    now: performance.now(),
    versions: { sharp: sharp.versions.sharp ?? 'unknown', libvips: sharp.versions.vips },
  });
}
