/**
 * The metadata policy on real files: each output's EXIF is read back with exifr. keep-no-gps keeps
 * the capture date, camera, lens and copyright and no GPS tag at all; keep keeps GPS too; strip
 * keeps nothing. Orientation is applied to the pixels under every policy and written as 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { runPipeline } from '../../../src/worker/run-pipeline.js';
import type { PipelineOptions, WritableFormat } from '../../../src/shared/worker-messages.js';
import { DEFAULT_LIMIT_INPUT_PIXELS } from '../../../src/shared/settings.js';
import type { MetadataPolicy } from '../../../src/shared/settings.js';
import { makeTempDir, removeTempDir } from '../../helpers/make-images.js';
import {
  CAMERA_TAGS,
  GPS_POSITION,
  gpsTagNames,
  readExif,
  writePhotoWithExif,
} from '../../helpers/photo-metadata.js';

const FORMATS: WritableFormat[] = ['jpeg', 'webp'];
/** The one-pass pipeline (copies the input's EXIF) and the exact two-pass one (decoded pixels). */
const PIPELINES: Partial<PipelineOptions>[] = [
  { pipeline: 'fast', blur: null, fit: { width: 40, height: 40 } },
  { pipeline: 'exact', blur: 1, fit: null },
];

async function processPhoto(
  dir: string,
  policy: MetadataPolicy,
  format: WritableFormat,
  pipeline: Partial<PipelineOptions>,
): Promise<string> {
  const source = path.join(dir, 'camera.jpg');
  const name = `${policy}-${pipeline.pipeline}.${format === 'jpeg' ? 'jpg' : format}`;
  const output = path.join(dir, name);
  await runPipeline(
    {
      taskId: 1,
      source,
      output,
      temp: `${output}.tmp`,
      outputFormat: format,
      options: {
        blur: null,
        fit: null,
        format: 'keep',
        quality: 85,
        pipeline: 'fast',
        limitInputPixels: DEFAULT_LIMIT_INPUT_PIXELS,
        metadata: policy,
        ...pipeline,
      },
      expect: null,
    },
    await readFile(source),
  );
  return output;
}

function assertCameraTagsKept(tags: Record<string, unknown> | null, what: string): void {
  assert.ok(tags, `${what}: no EXIF at all`);
  for (const [name, value] of Object.entries(CAMERA_TAGS)) {
    if (typeof value === 'number') assert.ok(Math.abs(Number(tags[name]) - value) < 1e-6, name);
    else assert.equal(tags[name], value, `${what}: ${name}`);
  }
}

async function assertTurnedUpright(output: string): Promise<void> {
  // The input is 64×48 stored with orientation 6: upright it is 3 wide for 4 high.
  const meta = await sharp(output).metadata();
  assert.equal(meta.width * 4, meta.height * 3, `${output}: ${meta.width}×${meta.height}`);
  assert.ok(meta.orientation === undefined || meta.orientation === 1, `${output}: orientation`);
}

test('keep-no-gps keeps date, camera, lens and copyright, and no GPS tag survives', async () => {
  const dir = await makeTempDir();
  try {
    await writePhotoWithExif(path.join(dir, 'camera.jpg'));
    // The input really has a position, so the check below can fail.
    assert.ok(gpsTagNames(await readExif(path.join(dir, 'camera.jpg'))).length > 0);
    for (const format of FORMATS) {
      for (const pipeline of PIPELINES) {
        const output = await processPhoto(dir, 'keep-no-gps', format, pipeline);
        const tags = await readExif(output);
        assertCameraTagsKept(tags, output);
        assert.deepEqual(gpsTagNames(tags), [], `${output}: GPS tags left`);
        await assertTurnedUpright(output);
      }
    }
    // exifr on the whole JPEG file, not only the EXIF block sharp hands out: no position.
    const jpeg = await processPhoto(dir, 'keep-no-gps', 'jpeg', PIPELINES[0]!);
    assert.equal(await exifr.gps(jpeg), undefined);
  } finally {
    await removeTempDir(dir);
  }
});

test('keep keeps every tag, the GPS position included', async () => {
  const dir = await makeTempDir();
  try {
    await writePhotoWithExif(path.join(dir, 'camera.jpg'));
    for (const format of FORMATS) {
      for (const pipeline of PIPELINES) {
        const output = await processPhoto(dir, 'keep', format, pipeline);
        const tags = await readExif(output);
        assertCameraTagsKept(tags, output);
        assert.ok(Math.abs(Number(tags!.latitude) - GPS_POSITION.latitude) < 1e-4, output);
        assert.ok(Math.abs(Number(tags!.longitude) - GPS_POSITION.longitude) < 1e-4, output);
        await assertTurnedUpright(output);
      }
    }
    const jpeg = await processPhoto(dir, 'keep', 'jpeg', PIPELINES[0]!);
    const position = await exifr.gps(jpeg);
    assert.ok(Math.abs(position.latitude - GPS_POSITION.latitude) < 1e-4);
  } finally {
    await removeTempDir(dir);
  }
});

test('strip keeps no EXIF at all, and still turns the photo upright', async () => {
  const dir = await makeTempDir();
  try {
    await writePhotoWithExif(path.join(dir, 'camera.jpg'));
    for (const format of FORMATS) {
      for (const pipeline of PIPELINES) {
        const output = await processPhoto(dir, 'strip', format, pipeline);
        assert.equal(await readExif(output), null, `${output}: EXIF left`);
        assert.equal((await sharp(output).metadata()).icc, undefined, `${output}: profile left`);
        await assertTurnedUpright(output);
      }
    }
  } finally {
    await removeTempDir(dir);
  }
});
