/**
 * The image pipeline, run inside a worker process on one image.
 *
 * exact: decode (EXIF orientation applied) → blur at full resolution → fit → encode. This is the
 *        reference and the tutorial's order (Pillow: filter(GaussianBlur) then thumbnail).
 * fast:  decode with shrink-on-load and fit first → blur with sigma scaled by the shrink → encode.
 *
 * With no blur, both are one operation: fit while decoding (shrink-on-load).
 *
 * Stages are separate sharp pipelines over raw pixels so that each is timed honestly:
 * readMs = file read + decode (including the fit when it is done on load), opsMs = blur (+ fit),
 * encodeMs = encode + write to the temp file + rename.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { Fit } from '../shared/settings.js';
import type { TaskResult, WorkerTask, WritableFormat } from '../shared/worker-messages.js';

interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

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

function toRaw(image: Sharp): Promise<RawImage> {
  return image
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => ({
      data,
      width: info.width,
      height: info.height,
      channels: info.channels,
    }));
}

function fromRaw(raw: RawImage): Sharp {
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
}

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
  await mkdir(dir, { recursive: true });
  madeFolders.add(dir);
}

/** Runs the pipeline on one task: reads `source`, writes `temp`, renames it to `output`. */
export async function runPipeline(task: WorkerTask): Promise<TaskResult> {
  const { options } = task;
  const t0 = performance.now();
  const input = await readFile(task.source);
  const decoder = sharp(input, { limitInputPixels: options.limitInputPixels, failOn: 'error' });
  const meta = await decoder.metadata();
  // Orientation 5–8 swaps width and height once applied.
  const swapped = (meta.orientation ?? 1) >= 5;
  const widthIn = (swapped ? meta.height : meta.width) ?? 0;
  const heightIn = (swapped ? meta.width : meta.height) ?? 0;
  const target = fitInside(widthIn, heightIn, options.fit);

  let pixels: RawImage;
  let t1: number;
  // With no blur to put first, exact and fast are the same operation: fit while decoding.
  if (options.pipeline === 'fast' || options.blur === null) {
    // sharp applies shrink-on-load (JPEG/WebP) when the resize is known at decode time.
    const resized = target.width !== widthIn || target.height !== heightIn;
    pixels = await toRaw(resized ? resizeTo(decoder.autoOrient(), target) : decoder.autoOrient());
    t1 = performance.now();
    if (options.blur !== null) {
      const scaled = options.blur * (target.width / Math.max(1, widthIn));
      // libvips rejects sigma below ~0.3; at that size the blur is invisible anyway.
      if (scaled >= 0.3) pixels = await toRaw(fromRaw(pixels).blur(scaled));
    }
  } else {
    pixels = await toRaw(decoder.autoOrient());
    t1 = performance.now();
    if (options.blur !== null) pixels = await toRaw(fromRaw(pixels).blur(options.blur));
    if (target.width !== pixels.width || target.height !== pixels.height) {
      pixels = await toRaw(resizeTo(fromRaw(pixels), target));
    }
  }
  const t2 = performance.now();

  const hasAlpha = pixels.channels === 2 || pixels.channels === 4;
  const encoded = await encode(
    fromRaw(pixels),
    task.outputFormat,
    options.quality,
    hasAlpha,
  ).toBuffer();
  await ensureFolder(dirname(task.output));
  try {
    await writeFile(task.temp, encoded);
    await rename(task.temp, task.output);
  } catch (error) {
    await rm(task.temp, { force: true });
    throw error;
  }
  const t3 = performance.now();
  return {
    bytesIn: input.byteLength,
    bytesOut: encoded.byteLength,
    widthIn,
    heightIn,
    widthOut: pixels.width,
    heightOut: pixels.height,
    readMs: t1 - t0,
    opsMs: t2 - t1,
    encodeMs: t3 - t2,
    pages: meta.pages ?? 1,
  };
}
