/**
 * Messages between the engine's pool and a worker process (Signal-style discriminated unions).
 * Task and result messages are self-contained (paths in, files out, timings back) so that a
 * distributed queue could carry them unchanged later.
 */
import * as z from 'zod';
import { METADATA_POLICIES, processSettingsSchema } from './settings.js';

/** What the worker needs to know to run the pipeline on one image. */
export const pipelineOptionsSchema = processSettingsSchema
  .pick({
    blur: true,
    fit: true,
    format: true,
    quality: true,
    pipeline: true,
    limitInputPixels: true,
    fill: true,
    position: true,
    longEdge: true,
    scale: true,
    rotate: true,
    flip: true,
    flop: true,
    sharpen: true,
    crop: true,
    onlySmaller: true,
  })
  // Always said to the worker (the engine fills in the default), never guessed there.
  .extend({ metadata: z.enum(METADATA_POLICIES) });
/** What the worker needs to know to run the pipeline on one image. */
export type PipelineOptions = z.infer<typeof pipelineOptionsSchema>;

/** Formats sharp writes that a decoded input may be kept as. */
export const WRITABLE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const;
/** A format the worker writes. */
export type WritableFormat = (typeof WRITABLE_FORMATS)[number];

/**
 * Formats the worker can decode: sharp 0.35's prebuilt libvips, HEIC/HEIF with libheif and JPEG
 * XL with libjxl, both in WebAssembly (src/worker/decode-heif.ts, decode-jxl.ts); see
 * src/media/sniff-image.ts.
 */
export const DECODABLE_FORMATS = [
  'jpeg',
  'png',
  'gif',
  'webp',
  'avif',
  'tiff',
  'heif',
  'jxl',
] as const;

/**
 * How a finished output takes its final name. `replace`: an atomic rename over whatever is there
 * (`--existing overwrite`). `exclusive`: only if the name is still free at that instant (a hard
 * link, which refuses an existing name), else nothing is written (`skip`). `numbered`: the name,
 * or else the first free `x-1.jpg`, `x-2.jpg`… (`rename`). The planner has checked the name
 * already; the claim holds it against another run writing into the same folder at the same time.
 */
export const OUTPUT_CLAIMS = ['replace', 'exclusive', 'numbered'] as const;
/** How a finished output takes its final name. */
export type OutputClaim = (typeof OUTPUT_CLAIMS)[number];

/**
 * One image to process: read `source`, write `temp`, then rename `temp` to `output`.
 * Self-contained (paths in, files out), so a queue can carry it unchanged to another machine.
 */
export const workerTaskSchema = z.object({
  taskId: z.number().int().nonnegative(),
  source: z.string().min(1),
  output: z.string().min(1),
  temp: z.string().min(1),
  /** The format to write (resolved by the engine from `keep` and the input's format). */
  outputFormat: z.enum(WRITABLE_FORMATS),
  options: pipelineOptionsSchema,
  /**
   * The input's format as its name claims it, not yet checked against its bytes: the worker
   * reads the whole file anyway, so it checks the content instead of the scanner reading the
   * file's first bytes a second time. `exact`: another decodable format would change the output
   * (format `keep`), so it is reported instead of processed. Null: the engine already knows.
   */
  expect: z.object({ format: z.enum(DECODABLE_FORMATS), exact: z.boolean() }).nullable(),
  /** How the output takes its name; absent: `replace`. */
  claim: z.enum(OUTPUT_CLAIMS).optional(),
});
/** One image to process. */
export type WorkerTask = z.infer<typeof workerTaskSchema>;

/**
 * How many tasks the pool keeps queued in each worker. Two means the next image is already in
 * the worker (its file being read) while the current one is encoded, so a worker never waits
 * for the parent between images; more only holds memory and makes a dying worker's hand-back
 * longer.
 */
export const WORKER_QUEUE_DEPTH = 2;

/** Parent → worker. */
export const parentToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    workerId: z.number().int(),
    threads: z.number().int().min(1),
  }),
  z.object({ type: z.literal('task'), task: workerTaskSchema }),
  z.object({ type: z.literal('shutdown') }),
  /** A small picture of one image for the window (thumbnail-workers.ts); see `pictureJobSchema`. */
  z.object({ type: z.literal('picture'), job: z.lazy(() => pictureJobSchema) }),
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
  /**
   * The path really written, when the claim gave another name than `output` (`numbered`), or
   * null when the name was taken and nothing was written (`exclusive`). Absent: `output`.
   */
  output: z.string().nullable().optional(),
  /** The written output's modification time (ms since the epoch), so a resume can tell it is still ours. */
  outputMtimeMs: z.number().optional(),
  /**
   * `onlySmaller` kept the input's bytes: the size the encoded output would have had. Absent:
   * the encoded output was written.
   */
  encodedBytes: z.number().int().nonnegative().optional(),
});
/** What the worker learned about an image it processed. */
export type TaskResult = z.infer<typeof taskResultSchema>;

/**
 * What bytes are, in the scanner's terms: a decodable image, a picture we cannot decode (
 * JPEG 2000, BMP, JPEG XL, Photoshop), a camera raw file, a vector drawing, an empty file, or
 * anything else.
 */
export const SNIFF_KINDS = [
  'image',
  'unreadable-image',
  'camera-raw',
  'drawing',
  'empty',
  'other',
] as const;

/** What an input's bytes turned out to be (see src/media/sniff-image.ts). */
export const sniffedContentSchema = z.object({
  format: z.string().nullable(),
  kind: z.enum(SNIFF_KINDS),
  what: z.string(),
});

/**
 * When the worker worked on a task, on its own monotonic clock (`performance.now()` in the
 * worker). The pool maps it to the run's clock with the offset learnt from `ready`.
 */
const workerTimes = {
  startedAt: z.number().nonnegative(),
  endedAt: z.number().nonnegative(),
};

/** Worker → parent. */
export const workerToParentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    pid: z.number().int(),
    /** The worker's clock when it sent this, for mapping its task times to the run's clock. */
    now: z.number().nonnegative(),
    /** What the worker decodes and encodes with: the run records it with the machine. */
    versions: z.object({ sharp: z.string(), libvips: z.string() }),
  }),
  z.object({
    type: z.literal('done'),
    taskId: z.number().int(),
    result: taskResultSchema,
    ...workerTimes,
    stats: workerStatsSchema,
  }),
  z.object({
    type: z.literal('failed'),
    taskId: z.number().int(),
    error: serializedErrorSchema,
    ...workerTimes,
    stats: workerStatsSchema,
  }),
  /** The bytes are not what the task expected (`expect`): nothing was written. */
  z.object({
    type: z.literal('mismatch'),
    taskId: z.number().int(),
    sniffed: sniffedContentSchema,
    ...workerTimes,
    stats: workerStatsSchema,
  }),
  /** A `picture` job's answer: what was written, or why not (in words). */
  z.object({
    type: z.literal('picture:done'),
    jobId: z.number().int(),
    result: z.lazy(() => pictureResultSchema),
  }),
  z.object({
    type: z.literal('picture:failed'),
    jobId: z.number().int(),
    error: serializedErrorSchema,
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
  }),
]);
/** Worker → parent. */
export type WorkerToParent = z.infer<typeof workerToParentSchema>;

/**
 * A picture for the window, made in a worker process (never in the shell's event loop):
 * `thumbnail`: the source, EXIF-oriented, fitted inside `longEdge` px, as WebP at `temp`, then
 * renamed to `target`. `preview`: the process pipeline with `options` run on the source into
 * memory (nothing is written to any output folder), its encoded size measured, and a WebP of
 * that result fitted inside `longEdge` written to `temp` → `target` for display.
 */
export const pictureJobSchema = z.object({
  jobId: z.number().int().nonnegative(),
  kind: z.enum(['thumbnail', 'preview']),
  source: z.string().min(1),
  temp: z.string().min(1),
  target: z.string().min(1),
  longEdge: z.number().int().min(16).max(4096),
  /** `preview` only: the settings to show. */
  options: pipelineOptionsSchema.optional(),
  /** `preview` only: the format the run would write. */
  outputFormat: z.enum(WRITABLE_FORMATS).optional(),
});
/** A picture for the window. */
export type PictureJob = z.infer<typeof pictureJobSchema>;

/** What a picture job made. */
export const pictureResultSchema = z.object({
  /** The picture written at `target`. */
  bytes: z.number().int().nonnegative(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  /** `preview`: the size the run's output would have, its dimensions, and the ms it took to make. */
  encodedBytes: z.number().int().nonnegative().optional(),
  encodedWidth: z.number().int().nonnegative().optional(),
  encodedHeight: z.number().int().nonnegative().optional(),
  ms: z.number().nonnegative(),
});
/** What a picture job made. */
export type PictureResult = z.infer<typeof pictureResultSchema>;
