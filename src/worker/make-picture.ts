/**
 * Pictures for the window, made in a worker process: a thumbnail of an input or output, or a
 * preview of the current settings on one photo (the run's own pipeline, encoded into memory, so
 * its size is the size the run would write; nothing goes to any output folder). Either way the
 * picture shown is a small WebP, EXIF-oriented, written to a temp name and renamed into place.
 */
import { renameSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { PictureJob, PictureResult } from '../shared/worker-messages.js';
import { prepareImage } from './run-pipeline.js';
import { sharpInput } from './sharp-input.js';

/** Quality of the pictures shown: small files, no visible blocks at their size. */
const PICTURE_QUALITY = 75;
/** A thumbnail never decodes a decompression bomb whole (the run has its own limit). */
const THUMBNAIL_MAX_PIXELS = 268_402_689;

async function writePicture(
  input: Buffer | string,
  job: PictureJob,
): Promise<{ size: number; width: number; height: number }> {
  try {
    const readable = (await sharpInput(input, THUMBNAIL_MAX_PIXELS)).input;
    const info = await sharp(readable, { limitInputPixels: THUMBNAIL_MAX_PIXELS, failOn: 'none' })
      .autoOrient()
      .resize(job.longEdge, job.longEdge, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: PICTURE_QUALITY })
      .toFile(job.temp);
    renameSync(job.temp, job.target);
    return info;
  } catch (error) {
    rmSync(job.temp, { force: true });
    throw error;
  }
}

/** Makes the picture `job` asks for. */
export async function makePicture(job: PictureJob): Promise<PictureResult> {
  const started = performance.now();
  if (job.kind === 'thumbnail') {
    const info = await writePicture(job.source, job);
    return {
      bytes: info.size,
      width: info.width,
      height: info.height,
      ms: performance.now() - started,
    };
  }
  if (!job.options || !job.outputFormat)
    throw new Error('a preview needs the settings and the output format');
  const prepared = await prepareImage(job.options, job.source, job.outputFormat);
  const { data, info: encoded } = await prepared.image.toBuffer({ resolveWithObject: true });
  const ms = performance.now() - started;
  const shown = await writePicture(data, job);
  return {
    bytes: shown.size,
    width: shown.width,
    height: shown.height,
    encodedBytes: encoded.size,
    encodedWidth: encoded.width,
    encodedHeight: encoded.height,
    ms,
  };
}
