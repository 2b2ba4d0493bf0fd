/**
 * HEIC/HEIF input on real files made with heif-enc: decoded in the worker (libheif in
 * WebAssembly), with the file's colour profile, EXIF and metadata policy, the primary image of a
 * multi-image file, a pixel limit checked before decoding, and a damaged file failing in words.
 */
import { test } from 'node:test';
import { pipelineOutput, plainOptions } from '../../helpers/pipeline-options.js';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { makePicture } from '../../../src/worker/make-picture.js';
import { describeImageError } from '../../../src/worker/describe-image-error.js';
import { readHeifFacts } from '../../../src/media/heif-container.js';
import { sniffBytes } from '../../../src/media/sniff-image.js';
import type { PipelineOptions, WritableFormat } from '../../../src/shared/worker-messages.js';
import type { MetadataPolicy } from '../../../src/shared/settings.js';
import { makeTempDir } from '../../helpers/make-images.js';
import { storedColour, writePatch } from '../../helpers/colour-patches.js';
import { writeHeic } from '../../helpers/make-heic.js';
import {
  CAMERA_TAGS,
  gpsTagNames,
  readExif,
  writePhotoWithExif,
} from '../../helpers/photo-metadata.js';
import { realPhotos } from '../../helpers/real-photos.js';

const base: PipelineOptions = plainOptions(95);

function process(source: string, format: WritableFormat, options: Partial<PipelineOptions> = {}) {
  return pipelineOutput(source, format, { ...base, ...options });
}

/** The colour sRGB (200, 60, 40), stored as Display P3 numbers with the P3 profile, as HEIC. */
async function displayP3Heic(): Promise<string> {
  const dir = await makeTempDir();
  const jpeg = await writePatch(dir, [200, 60, 40], 'display-p3');
  return writeHeic(path.join(dir, 'p3.heic'), [jpeg]);
}

function assertClose(actual: number[], expected: number[], tolerance: number, what: string) {
  actual.forEach((v, c) =>
    assert.ok(
      Math.abs(v - expected[c]!) <= tolerance,
      `${what}: channel ${c} ${v.toFixed(1)} vs ${expected[c]}`,
    ),
  );
}

test('the scanner recognises a HEIC by its content, as an image the worker decodes', async () => {
  const heic = await displayP3Heic();
  const sniffed = sniffBytes((await readFile(heic)).subarray(0, 512));
  assert.equal(sniffed.kind, 'image');
  assert.equal(sniffed.format, 'heif');
});

test('a Display P3 HEIC comes out in sRGB with the right colour; keep leaves its P3 numbers and profile', async () => {
  const heic = await displayP3Heic();
  for (const metadata of ['keep-no-gps', 'strip'] as MetadataPolicy[]) {
    const { output } = await process(heic, 'png', { metadata });
    assertClose(await storedColour(output), [200, 60, 40], 4, metadata);
  }
  const kept = await process(heic, 'png', { metadata: 'keep' });
  const stored = await storedColour(kept.output);
  // Display P3's numbers for that red differ from sRGB's by more than any coding loss.
  assert.ok(Math.abs(stored[0]! - 200) > 8, `keep stored P3 numbers (${stored.map(Math.round)})`);
  const shown = (await sharp(kept.output).raw().toBuffer()).subarray(0, 3);
  assertClose([...shown], [200, 60, 40], 4, 'keep, shown through its profile');
  assert.ok((await sharp(kept.output).metadata()).icc, 'keep carries the P3 profile');
});

test('a real photo as HEIC: decoded at its size, capture date and camera kept, GPS removed by default', async () => {
  const dir = await makeTempDir();
  const jpeg = await writePhotoWithExif(path.join(dir, 'camera.jpg'));
  const heic = await writeHeic(path.join(dir, 'camera.heic'), [jpeg]);
  const { result, output } = await process(heic, 'jpeg');
  // heif-enc stores the pixels as they are: a HEIF's rotation is its own boxes, not EXIF's tag.
  assert.deepEqual([result.widthIn, result.heightIn], [64, 48]);
  const tags = await readExif(output);
  assert.equal(tags?.DateTimeOriginal, CAMERA_TAGS.DateTimeOriginal);
  assert.equal(tags?.Make, CAMERA_TAGS.Make);
  assert.equal(tags?.Copyright, CAMERA_TAGS.Copyright);
  assert.deepEqual(gpsTagNames(tags), [], 'no GPS tag survives keep-no-gps');
  assert.equal((await sharp(output).metadata()).orientation ?? 1, 1);

  const kept = await readExif((await process(heic, 'jpeg', { metadata: 'keep' })).output);
  assert.ok(gpsTagNames(kept).includes('GPSLatitude'), 'keep keeps the position');
  assert.equal(await readExif((await process(heic, 'jpeg', { metadata: 'strip' })).output), null);

  const [photo] = await realPhotos(1, 800);
  const realHeic = await writeHeic(path.join(dir, 'real.heic'), [photo!]);
  const real = await process(realHeic, 'webp', { fit: { width: 300, height: 300 } });
  const original = await sharp(photo!).metadata();
  assert.deepEqual([real.result.widthIn, real.result.heightIn], [original.width, original.height]);
  assert.equal(Math.max(real.result.widthOut, real.result.heightOut), 300);
  assert.equal((await sharp(real.output).metadata()).format, 'webp');
});

test('a HEIC of several images gives its primary image and counts the images', async () => {
  const dir = await makeTempDir();
  const [photo] = await realPhotos(1, 800);
  const small = await writePhotoWithExif(path.join(dir, 'small.jpg'));
  const heic = await writeHeic(path.join(dir, 'two.heic'), [small, photo!]);
  const facts = readHeifFacts(await readFile(heic));
  assert.deepEqual(
    [facts.width, facts.height],
    [64, 48],
    "the primary item's size, from its boxes",
  );
  assert.equal(facts.colour.kind, 'icc', "the source's profile, from the primary's colr box");
  const { result } = await process(heic, 'png');
  assert.deepEqual([result.widthOut, result.heightOut], [64, 48], 'the first, primary image');
  assert.equal(result.pages, 2);
});

test('a HEIC over the pixel limit is refused before decoding; a damaged one fails with the decoder reason', async () => {
  const heic = await displayP3Heic();
  await assert.rejects(process(heic, 'png', { limitInputPixels: 48 * 48 - 1 }), (error: Error) => {
    assert.match(describeImageError(error).message, /more pixels than allowed/);
    return true;
  });
  const bytes = await readFile(heic);
  const damaged = path.join(path.dirname(heic), 'damaged.heic');
  await writeFile(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assert.rejects(process(damaged, 'png'), (error: Error) => {
    const words = describeImageError(error).message;
    assert.match(words, /HEIC file could not be decoded: (Invalid input|.*end of file)/i, words);
    return true;
  });
});

test("the window's thumbnail and preview of a HEIC are made from its decoded pixels", async () => {
  const dir = await makeTempDir();
  const [photo] = await realPhotos(1, 800);
  const heic = await writeHeic(path.join(dir, 'IMG_0002.HEIC'), [photo!]);
  const thumb = await makePicture({
    jobId: 1,
    kind: 'thumbnail',
    source: heic,
    temp: path.join(dir, '.thumb.tmp'),
    target: path.join(dir, 'thumb.webp'),
    longEdge: 160,
  });
  assert.equal(Math.max(thumb.width, thumb.height), 160);
  assert.equal((await sharp(path.join(dir, 'thumb.webp')).metadata()).format, 'webp');
  const preview = await makePicture({
    jobId: 2,
    kind: 'preview',
    source: heic,
    temp: path.join(dir, '.preview.tmp'),
    target: path.join(dir, 'preview.webp'),
    longEdge: 400,
    options: { ...base, fit: { width: 200, height: 200 } },
    outputFormat: 'jpeg',
  });
  assert.equal(Math.max(preview.encodedWidth!, preview.encodedHeight!), 200);
  assert.ok(preview.encodedBytes! > 0);
});
