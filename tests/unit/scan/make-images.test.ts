// The shared fixtures are what they claim to be: other suites rely on them to test real decoding.
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import {
  makeTempDir,
  removeTempDir,
  write16BitPng,
  writeAnimatedGif,
  writeCmykJpeg,
  writeDecompressionBombPng,
  writeImageAs,
  writeJpeg,
  writeJpegWithOrientation,
  writeOnePixelImage,
  writePngWithAlpha,
} from '../../helpers/make-images.js';

let dir = '';
before(async () => {
  dir = await makeTempDir();
});
after(async () => removeTempDir(dir));

test('writeJpeg writes a JPEG of the asked size, in nested folders', async () => {
  const file = await writeJpeg(join(dir, 'a/b/plain.jpg'), { width: 30, height: 20 });
  const meta = await sharp(file).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 30, 20]);
});

test('writeJpegWithOrientation stores 80x40 pixels tagged orientation 6 (shown 40x80)', async () => {
  const file = await writeJpegWithOrientation(join(dir, 'o6.jpg'));
  const meta = await sharp(file).metadata();
  assert.equal(meta.orientation, 6);
  assert.deepEqual([meta.width, meta.height], [80, 40]);
  assert.deepEqual([meta.autoOrient.width, meta.autoOrient.height], [40, 80]);
  // The red marker, top-left as stored, is top-right once the orientation is applied.
  const { data, info } = await sharp(file).autoOrient().raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
  ];
  const [r, g] = pixel(info.width - 3, 3);
  assert.ok(
    r! > 200 && g! < 60,
    `expected red at top-right, got ${pixel(info.width - 3, 3).join(',')}`,
  );
});

test('writePngWithAlpha has an alpha channel that is really used', async () => {
  const file = await writePngWithAlpha(join(dir, 'alpha.png'));
  const meta = await sharp(file).metadata();
  assert.equal(meta.hasAlpha, true);
  const stats = await sharp(file).stats();
  assert.equal(stats.channels[3]!.min, 0);
  assert.equal(stats.channels[3]!.max, 255);
});

test('write16BitPng writes 16 bits per channel', async () => {
  const meta = await sharp(await write16BitPng(join(dir, 'deep.png'))).metadata();
  assert.deepEqual([meta.format, meta.depth], ['png', 'ushort']);
});

test('writeCmykJpeg writes a CMYK JPEG', async () => {
  const meta = await sharp(await writeCmykJpeg(join(dir, 'cmyk.jpg'))).metadata();
  assert.deepEqual([meta.format, meta.space, meta.channels], ['jpeg', 'cmyk', 4]);
});

test('writeAnimatedGif writes several frames', async () => {
  const meta = await sharp(await writeAnimatedGif(join(dir, 'anim.gif'), 4)).metadata();
  assert.deepEqual([meta.format, meta.pages, meta.width, meta.height], ['gif', 4, 32, 24]);
});

test('writeOnePixelImage writes a 1x1 image', async () => {
  const meta = await sharp(await writeOnePixelImage(join(dir, 'one.webp'), 'webp')).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 1, 1]);
});

test('writeImageAs writes AVIF, WebP and TIFF', async () => {
  for (const [name, format, expected] of [
    ['x.avif', 'avif', 'heif'],
    ['x.webp', 'webp', 'webp'],
    ['x.tif', 'tiff', 'tiff'],
  ] as const) {
    const meta = await sharp(await writeImageAs(join(dir, name), format)).metadata();
    assert.equal(meta.format, expected, name);
  }
});

test('writeDecompressionBombPng declares 100000x100000 in a tiny file that sharp refuses', async () => {
  const file = await writeDecompressionBombPng(join(dir, 'bomb.png'));
  assert.ok((await stat(file)).size < 10_000);
  const meta = await sharp(file, { limitInputPixels: false }).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', 100_000, 100_000]);
  await assert.rejects(sharp(file).toBuffer(), /pixel limit/i);
});
