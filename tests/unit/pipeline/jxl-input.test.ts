/**
 * JPEG XL input on real files made with cjxl: recognised by content (container and bare
 * codestream), decoded in the worker (libjxl in WebAssembly) upright and in sRGB, its EXIF under
 * the metadata policy, a pixel limit checked before decoding, a damaged file failing in words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { pipelineOutput, plainOptions } from '../../helpers/pipeline-options.js';
import { describeImageError } from '../../../src/worker/describe-image-error.js';
import { readJxlFacts } from '../../../src/media/jxl-container.js';
import { sniffBytes } from '../../../src/media/sniff-image.js';
import type { PipelineOptions, WritableFormat } from '../../../src/shared/worker-messages.js';
import { makeTempDir, writePng } from '../../helpers/make-images.js';
import { storedColour, writePatch } from '../../helpers/colour-patches.js';
import { writeJxl } from '../../helpers/make-jxl.js';
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

test('the scanner recognises JPEG XL by content, in a container and as a bare codestream', async () => {
  const dir = await makeTempDir();
  const fromJpeg = await writeJxl(
    path.join(dir, 'a.jxl'),
    await writePhotoWithExif(path.join(dir, 'a.jpg')),
  );
  const fromPng = await writeJxl(
    path.join(dir, 'b.jxl'),
    await writePng(path.join(dir, 'b.png')),
    true,
  );
  const heads = await Promise.all(
    [fromJpeg, fromPng].map(async (f) => (await readFile(f)).subarray(0, 512)),
  );
  assert.deepEqual(
    heads.map((h) => h.subarray(0, 2).toString('hex')),
    ['0000', 'ff0a'],
    'one of each kind',
  );
  for (const head of heads)
    assert.deepEqual(sniffBytes(head), { format: 'jxl', kind: 'image', what: 'a JPEG XL image' });
});

test('a JPEG turned JPEG XL: upright at its size, capture date and camera kept, GPS removed by default', async () => {
  const dir = await makeTempDir();
  const jxl = await writeJxl(
    path.join(dir, 'camera.jxl'),
    await writePhotoWithExif(path.join(dir, 'camera.jpg')),
  );
  const facts = readJxlFacts(await readFile(jxl));
  assert.ok(facts.exif, 'the EXIF from the container');
  assert.equal(facts.orientation, 6, "the codestream's orientation, which libjxl applies");
  const { result, output } = await process(jxl, 'jpeg');
  // Stored 64×48 with orientation 6: the decoder turns it, as a JPEG's would be.
  assert.deepEqual([result.widthOut, result.heightOut], [48, 64]);
  const tags = await readExif(output);
  assert.equal(tags?.DateTimeOriginal, CAMERA_TAGS.DateTimeOriginal);
  assert.equal(tags?.Make, CAMERA_TAGS.Make);
  assert.deepEqual(gpsTagNames(tags), [], 'no GPS tag survives keep-no-gps');
  assert.equal((await sharp(output).metadata()).orientation ?? 1, 1);
  const kept = await readExif((await process(jxl, 'jpeg', { metadata: 'keep' })).output);
  assert.ok(gpsTagNames(kept).includes('GPSLatitude'), 'keep keeps the position');
  assert.equal(await readExif((await process(jxl, 'jpeg', { metadata: 'strip' })).output), null);

  const [photo] = await realPhotos(1, 800);
  const real = await process(await writeJxl(path.join(dir, 'real.jxl'), photo!, true), 'webp', {
    fit: { width: 300, height: 300 },
  });
  const original = await sharp(photo!).metadata();
  assert.deepEqual([real.result.widthIn, real.result.heightIn], [original.width, original.height]);
  assert.equal(Math.max(real.result.widthOut, real.result.heightOut), 300);
});

test('a Display P3 JPEG XL comes out in sRGB with the right colour', async () => {
  const dir = await makeTempDir();
  const jxl = await writeJxl(
    path.join(dir, 'p3.jxl'),
    await writePatch(dir, [200, 60, 40], 'display-p3'),
  );
  const { output } = await process(jxl, 'png');
  const colour = await storedColour(output);
  colour.forEach((v, c) =>
    assert.ok(Math.abs(v - [200, 60, 40][c]!) <= 4, `channel ${c}: ${v.toFixed(1)}`),
  );
});

test('a JPEG XL over the pixel limit is refused before decoding; a damaged one fails in words', async () => {
  const dir = await makeTempDir();
  const [photo] = await realPhotos(1, 800);
  const jxl = await writeJxl(path.join(dir, 'p.jxl'), photo!, true);
  const { width, height } = await sharp(photo!).metadata();
  await assert.rejects(
    process(jxl, 'png', { limitInputPixels: width! * height! - 1 }),
    (error: Error) => {
      assert.match(describeImageError(error).message, /more pixels than allowed/);
      return true;
    },
  );
  const bytes = await readFile(jxl);
  const damaged = path.join(dir, 'damaged.jxl');
  await writeFile(damaged, bytes.subarray(0, Math.floor(bytes.length / 3)));
  await assert.rejects(process(damaged, 'png'), (error: Error) => {
    assert.match(describeImageError(error).message, /^the JPEG XL file could not be decoded: /);
    return true;
  });
});
