/**
 * A folder from a phone, end to end through the CLI and its bundled workers: HEIC photos (one
 * with an upper-case extension, one with none), a plain JPEG and a damaged HEIC. HEICs become
 * JPEGs under `--format keep` (HEIC is read, not written), keep their capture date and lose GPS;
 * the damaged one fails alone, named, with the decoder's reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { tempDir } from '../../helpers/real-photos.js';
import { realPhotos } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { runCli } from '../../helpers/cli.js';
import { writeHeic } from '../../helpers/make-heic.js';
import { writeJxl } from '../../helpers/make-jxl.js';
import {
  CAMERA_TAGS,
  gpsTagNames,
  readExif,
  writePhotoWithExif,
} from '../../helpers/photo-metadata.js';

test('a phone folder: HEICs (by content, any case) are processed with their metadata, a damaged one fails named', async () => {
  const root = await tempDir();
  const input = path.join(root, 'DCIM');
  await mkdir(path.join(input, '100APPLE'), { recursive: true });
  const [photo] = await realPhotos(1, 800);
  const camera = await writePhotoWithExif(path.join(root, 'camera.jpg'));
  await writeHeic(path.join(input, '100APPLE', 'IMG_0001.HEIC'), [camera]);
  await writeHeic(path.join(input, '100APPLE', 'IMG_0002'), [photo!]);
  await copyFile(photo!, path.join(input, 'plain.jpg'));
  const whole = await readFile(path.join(input, '100APPLE', 'IMG_0002'));
  await writeFile(path.join(input, 'damaged.heic'), whole.subarray(0, whole.length >> 1));
  const out = path.join(root, 'out');
  const r = await runCli([
    'process',
    input,
    '--out',
    out,
    '--fit',
    '400x400',
    '--db',
    path.join(root, 'runs.db'),
  ]);
  assert.equal(r.code, 1, 'one photo failed');
  assert.match(r.stdout, /3 ok, 1 failed/);
  assert.match(r.stdout, /failed: .*damaged\.heic: .*HEIC file could not be decoded/);
  assert.deepEqual(filesUnder(out), [
    path.join('100APPLE', 'IMG_0001.jpg'),
    path.join('100APPLE', 'IMG_0002.jpg'),
    'plain.jpg',
  ]);
  const first = path.join(out, '100APPLE', 'IMG_0001.jpg');
  assert.equal((await sharp(first).metadata()).format, 'jpeg');
  const tags = await readExif(first);
  assert.equal(tags?.DateTimeOriginal, CAMERA_TAGS.DateTimeOriginal);
  assert.deepEqual(gpsTagNames(tags), []);
  const second = await sharp(path.join(out, '100APPLE', 'IMG_0002.jpg')).metadata();
  assert.equal(Math.max(second.width!, second.height!), 400);
});

test('JPEG XL through the CLI and its bundled workers: by content, with its EXIF; a damaged one fails named', async () => {
  const root = await tempDir();
  const input = path.join(root, 'exports');
  await mkdir(input, { recursive: true });
  const [photo] = await realPhotos(1, 800);
  const camera = await writePhotoWithExif(path.join(root, 'camera.jpg'));
  await writeJxl(path.join(input, 'camera.jxl'), camera);
  // A JPEG XL named like a JPEG: what the bytes are decides.
  await writeJxl(path.join(input, 'misnamed.jpg'), photo!, true);
  const whole = await readFile(path.join(input, 'misnamed.jpg'));
  await writeFile(path.join(input, 'damaged.jxl'), whole.subarray(0, whole.length >> 2));
  const out = path.join(root, 'out');
  const r = await runCli([
    'process',
    input,
    '--out',
    out,
    '--fit',
    '400x400',
    '--format',
    'webp',
    '--db',
    path.join(root, 'runs.db'),
  ]);
  assert.equal(r.code, 1, 'one photo failed');
  assert.match(r.stdout, /2 ok, 1 failed/);
  assert.match(r.stdout, /failed: .*damaged\.jxl: the JPEG XL file could not be decoded/);
  assert.deepEqual(filesUnder(out), ['camera.webp', 'misnamed.webp']);
  const tags = await readExif(path.join(out, 'camera.webp'));
  assert.equal(tags?.DateTimeOriginal, CAMERA_TAGS.DateTimeOriginal);
  assert.deepEqual(gpsTagNames(tags), []);
  const misnamed = await sharp(path.join(out, 'misnamed.webp')).metadata();
  assert.equal(Math.max(misnamed.width!, misnamed.height!), 400);
});
