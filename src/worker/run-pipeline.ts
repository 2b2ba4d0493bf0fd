/**
 * The image pipeline, run inside a worker process on one image whose bytes are already read.
 *
 * exact: decode (EXIF orientation applied) → blur at full resolution → fit → encode. This is the
 *        reference and the tutorial's order (Pillow: filter(GaussianBlur) then thumbnail).
 * fast:  decode with shrink-on-load and fit first → blur with sigma scaled by the shrink → encode.
 * With no blur, both are one operation: fit while decoding (shrink-on-load).
 *
 * As few libvips pipelines as the order allows, because each one costs a fixed ~1–2 ms that
 * dominates small images: fast (and no blur) is one pipeline, decode to encode; exact is two,
 * because sharp always resizes before it blurs inside one pipeline, so the full-size blur is
 * materialised first. Stage times follow the passes: `readMs` waiting for the bytes and reading
 * the header, `opsMs` the full-size pass of exact (decode and blur; 0 when there is one pass),
 * `encodeMs` the last pass, which libvips streams from decode or raw pixels through the fit and
 * the encoder into the temp file, plus the rename into place.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { Fit } from '../shared/settings.js';
import type { TaskResult, WorkerTask, WritableFormat } from '../shared/worker-messages.js';
import { makeFolders } from '../media/make-folders.js';
import { placeOutput } from './place-output.js';
import { materialiseFullSize, planOutputMetadata, withOutputMetadata } from './output-metadata.js';
import type { Placed } from './place-output.js';

/** Size of the box-fitted image, never enlarged (like Pillow's thumbnail). */
export function fitInside(
  width: number,
  height: number,
  fit: Fit | null,
): { width: number; height: number } {
  if (!fit || (width <= fit.width && height <= fit.height)) return { width, height };
  const scale = Math.min(fit.width / width, fit.height / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** libvips rejects sigma below ~0.3; at that size a blur is invisible anyway. */
const MIN_SIGMA = 0.3;

function resizeTo(image: Sharp, size: { width: number; height: number }): Sharp {
  // Lanczos3, like Pillow's thumbnail with its default filter for photos.
  return image.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
}

function encode(image: Sharp, format: WritableFormat, quality: number, hasAlpha: boolean): Sharp {
  switch (format) {
    case 'jpeg':
      // JPEG has no alpha: put transparent pixels on white rather than black.
      return (hasAlpha ? image.flatten({ background: '#ffffff' }) : image).jpeg({ quality });
    case 'png':
      return image.png({ compressionLevel: 6 });
    case 'webp':
      return image.webp({ quality });
    case 'avif':
      return image.avif({ quality, effort: 4 });
    case 'gif':
      return image.gif();
    case 'tiff':
      return image.tiff({ quality });
  }
}

/** Output folders this worker has made: one mkdir per folder, not per image. */
const madeFolders = new Set<string>();

async function ensureFolder(dir: string): Promise<void> {
  if (madeFolders.has(dir)) return;
  await makeFolders(dir);
  madeFolders.add(dir);
}

/**
 * Encodes straight to the task's temp name (libvips writes it on its own thread) and moves it
 * into place under the task's claim (place-output.ts); no temp file survives.
 */
async function writeOutput(
  task: WorkerTask,
  image: Sharp,
): Promise<{ width: number; height: number; size: number; placed: Placed }> {
  await ensureFolder(dirname(task.output));
  try {
    const info = await image.toFile(task.temp);
    return { ...info, placed: placeOutput(task.temp, task.output, task.claim ?? 'replace') };
  } catch (error) {
    rmSync(task.temp, { force: true });
    throw error;
  }
}

/**
 * Runs the pipeline on `input` (the bytes of `task.source`, or its path for a file too large to
 * read ahead: libvips then streams it), writes `temp`, moves it to `output`. `startedAt` is when
 * the task's turn began on this worker's clock (performance.now()), so the wait for a file still
 * being read ahead counts as reading.
 */
export async function runPipeline(
  task: WorkerTask,
  input: Buffer | { path: string; size: number },
  startedAt: number = performance.now(),
): Promise<TaskResult> {
  const bytesIn = Buffer.isBuffer(input) ? input.byteLength : input.size;
  return runPipelineOn(task, Buffer.isBuffer(input) ? input : input.path, bytesIn, startedAt);
}

/** An image decoded, blurred and fitted as `options` say, ready to encode; with its passes' times. */
export interface PreparedImage {
  image: Sharp;
  widthIn: number;
  heightIn: number;
  pages: number;
  /** When the header was read, and when the full-size pass of exact ended (= t1 with one pass). */
  t1: number;
  t2: number;
}

/** Builds the pipeline for one input (the run's and the window's preview share it). */
export async function prepareImage(
  options: WorkerTask['options'],
  input: Buffer | string,
  outputFormat: WritableFormat,
): Promise<PreparedImage> {
  const sharpOptions = { limitInputPixels: options.limitInputPixels, failOn: 'error' } as const;
  const meta = await sharp(input, sharpOptions).metadata();
  // Orientation 5–8 swaps width and height once applied.
  const swapped = (meta.orientation ?? 1) >= 5;
  const widthIn = (swapped ? meta.height : meta.width) ?? 0;
  const heightIn = (swapped ? meta.width : meta.height) ?? 0;
  const target = fitInside(widthIn, heightIn, options.fit);
  const resized = target.width !== widthIn || target.height !== heightIn;
  const hasAlpha = meta.hasAlpha ?? false;
  const plan = await planOutputMetadata(options.metadata, {
    exif: meta.exif ?? null,
    hasProfile: meta.icc !== undefined,
  });
  const t1 = performance.now();

  let image: Sharp;
  let t2 = t1;
  // Whether the pass that writes decodes the input itself (and can copy its EXIF whole).
  let readsInput = true;
  if (options.pipeline === 'fast' || options.blur === null) {
    // One pipeline: sharp shrinks on load (JPEG, WebP) when the size is known at decode time,
    // then blurs after the resize, which is exactly the fast order.
    image = sharp(input, sharpOptions).autoOrient();
    if (resized) image = resizeTo(image, target);
    if (options.blur !== null) {
      const scaled = options.blur * (target.width / Math.max(1, widthIn));
      if (scaled >= MIN_SIGMA) image = image.blur(scaled);
    }
  } else {
    // The reference: the blur must see every pixel, so it runs before the fit, at full size.
    readsInput = false;
    image = await materialiseFullSize(
      sharp(input, sharpOptions).autoOrient().blur(options.blur),
      plan,
    );
    if (resized) image = resizeTo(image, target);
    t2 = performance.now();
  }
  return {
    image: encode(
      withOutputMetadata(image, plan, readsInput),
      outputFormat,
      options.quality,
      hasAlpha,
    ),
    widthIn,
    heightIn,
    pages: meta.pages ?? 1,
    t1,
    t2,
  };
}

async function runPipelineOn(
  task: WorkerTask,
  input: Buffer | string,
  bytesIn: number,
  startedAt: number,
): Promise<TaskResult> {
  const { image, widthIn, heightIn, pages, t1, t2 } = await prepareImage(
    task.options,
    input,
    task.outputFormat,
  );
  const info = await writeOutput(task, image);
  const t3 = performance.now();
  const { placed } = info;
  return {
    bytesIn,
    bytesOut: info.size,
    widthIn,
    heightIn,
    widthOut: info.width,
    heightOut: info.height,
    readMs: t1 - startedAt,
    opsMs: t2 - t1,
    encodeMs: t3 - t2,
    pages,
    ...(placed.output !== task.output ? { output: placed.output } : {}),
    ...(placed.mtimeMs !== null ? { outputMtimeMs: placed.mtimeMs } : {}),
  };
}
