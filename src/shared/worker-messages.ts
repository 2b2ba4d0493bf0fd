/**
 * Messages between the engine's pool and a worker process (Signal-style discriminated unions).
 * Task and result messages are self-contained (paths in, files out, timings back) so that a
 * distributed queue could carry them unchanged later.
 */
import { z } from 'zod';
import { fitSchema, OUTPUT_FORMATS, PIPELINES } from './settings.js';

/** What the worker needs to know to run the pipeline on one image. */
export const pipelineOptionsSchema = z.object({
  blur: z.number().min(0.3).max(1000).nullable(),
  fit: fitSchema.nullable(),
  format: z.enum(OUTPUT_FORMATS),
  quality: z.number().int().min(1).max(100),
  pipeline: z.enum(PIPELINES),
  limitInputPixels: z.number().int().min(1),
});
/** What the worker needs to know to run the pipeline on one image. */
export type PipelineOptions = z.infer<typeof pipelineOptionsSchema>;

/** Formats sharp writes that a decoded input may be kept as. */
export const WRITABLE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const;
/** A format the worker writes. */
export type WritableFormat = (typeof WRITABLE_FORMATS)[number];

/** One image to process: read `source`, write `temp`, then rename `temp` to `output`. */
export const workerTaskSchema = z.object({
  taskId: z.number().int().nonnegative(),
  source: z.string().min(1),
  output: z.string().min(1),
  temp: z.string().min(1),
  /** The format to write (resolved by the engine from `keep` and the sniffed input format). */
  outputFormat: z.enum(WRITABLE_FORMATS),
  options: pipelineOptionsSchema,
});
/** One image to process. */
export type WorkerTask = z.infer<typeof workerTaskSchema>;

/** Parent → worker. */
export const parentToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), workerId: z.number().int(), threads: z.number().int().min(1) }),
  z.object({ type: z.literal('task'), task: workerTaskSchema }),
  z.object({ type: z.literal('shutdown') }),
]);
/** Parent → worker. */
export type ParentToWorker = z.infer<typeof parentToWorkerSchema>;

/** An error as it crosses a process boundary. */
export const serializedErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  code: z.string().optional(),
  stack: z.string().optional(),
});
/** An error as it crosses a process boundary. */
export type SerializedError = z.infer<typeof serializedErrorSchema>;

/** Resource use of the worker process, sent with every result. */
export const workerStatsSchema = z.object({
  rssBytes: z.number().nonnegative(),
  cpuUserMs: z.number().nonnegative(),
  cpuSystemMs: z.number().nonnegative(),
});
/** Resource use of the worker process. */
export type WorkerStats = z.infer<typeof workerStatsSchema>;

/** What the worker learned about an image it processed. */
export const taskResultSchema = z.object({
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  widthIn: z.number().int().nonnegative(),
  heightIn: z.number().int().nonnegative(),
  widthOut: z.number().int().nonnegative(),
  heightOut: z.number().int().nonnegative(),
  readMs: z.number().nonnegative(),
  opsMs: z.number().nonnegative(),
  encodeMs: z.number().nonnegative(),
  /** Frames in the input (animated GIF/WebP); only the first is processed. */
  pages: z.number().int().positive(),
});
/** What the worker learned about an image it processed. */
export type TaskResult = z.infer<typeof taskResultSchema>;

/** Worker → parent. */
export const workerToParentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int() }),
  z.object({
    type: z.literal('done'),
    taskId: z.number().int(),
    result: taskResultSchema,
    stats: workerStatsSchema,
  }),
  z.object({
    type: z.literal('failed'),
    taskId: z.number().int(),
    error: serializedErrorSchema,
    stats: workerStatsSchema,
  }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
]);
/** Worker → parent. */
export type WorkerToParent = z.infer<typeof workerToParentSchema>;
