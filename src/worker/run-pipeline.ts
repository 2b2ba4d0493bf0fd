/**
 * The image pipeline, run inside a worker process on one image whose bytes are already read.
 *
 * exact: decode (EXIF orientation applied) → blur at full resolution → fit → encode. This is the
 *        reference and the tutorial's order (Pillow: filter(GaussianBlur) then thumbnail).
 * fast:  decode with shrink-on-load and fit first → blur with sigma scaled by the shrink → encode.
 * With no blur, both are one operation: fit while decoding (shrink-on-load).
 * The crop, flips, rotation, other resize modes and the sharpen sit in the same order in both
 * (src/worker/apply-operations.ts builds the passes; src/shared/output-geometry.ts sizes them).
 *
 * As few libvips pipelines as the order allows, because each one costs a fixed ~1–2 ms that
 * dominates small images: fast (and no blur) is one pipeline, decode to encode; exact is two,
 * because sharp always resizes before it blurs inside one pipeline, so the full-size blur is
 * materialised first. Stage times follow the passes: `readMs` waiting for the bytes and reading
 * the header, `opsMs` the full-size pass of exact (decode and blur; 0 when there is one pass),
 * `encodeMs` the last pass, which libvips streams from decode or raw pixels through the fit and
 * the encoder into the temp file, plus the rename into place.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { TaskResult, WorkerTask, WritableFormat } from '../shared/worker-messages.js';
import { makeFolders } from '../media/make-folders.js';
import { placeOutput } from './place-output.js';
import { materialiseFullSize, planOutputMetadata, withOutputMetadata } from './output-metadata.js';
import type { Placed } from './place-output.js';
import { applyOperations } from './apply-operations.js';
import { sharpInput } from './sharp-input.js';
import { eightBitWithProfile } from './png-with-profile.js';
import { keepsOriginal, keptOriginalPath } from '../shared/kept-original.js';

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
  /** Given the encoded size: the input to keep instead (its bytes or its path), or null. */
  keepInstead: (encodedBytes: number) => Buffer | string | null = () => null,
): Promise<{ width: number; height: number; size: number; placed: Placed; keptOriginal: boolean }> {
  await ensureFolder(dirname(task.output));
  try {
    const info = await image.toFile(task.temp);
    const original = keepInstead(info.size);
    if (original === null)
      return {
        ...info,
        keptOriginal: false,
        placed: placeOutput(task.temp, task.output, task.claim ?? 'replace'),
      };
    // Only smaller: the temp gets the input's own bytes, placed under its own extension.
    if (Buffer.isBuffer(original)) writeFileSync(task.temp, original);
    else copyFileSync(original, task.temp);
    const target = keptOriginalPath(task.output, task.source);
    return {
      ...info,
      keptOriginal: true,
      placed: placeOutput(task.temp, target, task.claim ?? 'replace'),
    };
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
  // A HEIC or JPEG XL is decoded here (WebAssembly) into a PNG sharp reads; its EXIF comes from the file.
  const { input: opened, decoded } = await sharpInput(input, options.limitInputPixels);
  const meta = await sharp(opened, sharpOptions).metadata();
  // Orientation 5–8 swaps width and height once applied.
  const swapped = (meta.orientation ?? 1) >= 5;
  const widthIn = (swapped ? meta.height : meta.width) ?? 0;
  const heightIn = (swapped ? meta.width : meta.height) ?? 0;
  const hasAlpha = meta.hasAlpha ?? false;
  // A 16-bit input with a profile goes on as 8 bits with that profile (png-with-profile.ts).
  const sixteenBit = meta.icc !== undefined && (meta.space === 'rgb16' || meta.space === 'grey16');
  const readable = sixteenBit ? await eightBitWithProfile(opened, meta.icc!) : opened;
  const plan = await planOutputMetadata(options.metadata, {
    exif: decoded ? decoded.exif : (meta.exif ?? null),
    hasProfile: meta.icc !== undefined,
  });
  const t1 = performance.now();
  // Crop, flips, rotation, blur, resize and sharpen, in their documented order (apply-operations.ts).
  const operated = await applyOperations(
    () => sharp(readable, sharpOptions).autoOrient(),
    { width: widthIn, height: heightIn },
    options,
    (pass) => materialiseFullSize(pass, plan),
  );
  // The pass that writes reads the input itself only with one pass (then its EXIF copies whole);
  // a decoded HEIC's, JPEG XL's or 16-bit input's PNG has no EXIF of its own: its tags come from the file's.
  const readsInput = !operated.twoPasses && decoded === null && !sixteenBit;
  return {
    image: encode(
      withOutputMetadata(operated.image, plan, readsInput),
      outputFormat,
      options.quality,
      hasAlpha,
    ),
    widthIn,
    heightIn,
    pages: decoded?.images ?? meta.pages ?? 1,
    t1,
    t2: t1 + operated.fullSizeMs,
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
  const info = await writeOutput(task, image, (encoded) =>
    task.options.onlySmaller && keepsOriginal(bytesIn, encoded) ? input : null,
  );
  const t3 = performance.now();
  const { placed } = info;
  const kept = info.keptOriginal;
  return {
    bytesIn,
    bytesOut: kept ? bytesIn : info.size,
    widthIn,
    heightIn,
    widthOut: kept ? widthIn : info.width,
    heightOut: kept ? heightIn : info.height,
    ...(kept ? { encodedBytes: info.size } : {}),
    readMs: t1 - startedAt,
    opsMs: t2 - t1,
    encodeMs: t3 - t2,
    pages,
    ...(placed.output !== task.output ? { output: placed.output } : {}),
    ...(placed.mtimeMs !== null ? { outputMtimeMs: placed.mtimeMs } : {}),
  };
}
