// A WebP's EXIF chunk, found by walking the RIFF chunks (encoders write it after the pixels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { readWebpExif } from '../../../src/media/webp-container.js';
import { tempDir } from '../../helpers/real-photos.js';

const picture = () =>
  sharp({ create: { width: 64, height: 32, channels: 3, background: '#3a7' } }).webp();

test('the EXIF chunk after the image data is found and its tags read', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'tagged.webp');
  await picture()
    .withExif({ IFD2: { DateTimeOriginal: '2021:07:04 18:30:00' } })
    .withMetadata({ orientation: 6 })
    .toFile(file);
  const block = await readWebpExif(file);
  assert.ok(block, 'an EXIF block');
  const tags = await exifr.parse(block, {
    pick: ['Orientation', 'DateTimeOriginal'],
    translateValues: false,
  });
  assert.equal(tags.Orientation, 6);
  assert.equal((tags.DateTimeOriginal as Date).getFullYear(), 2021);
});

test('no EXIF, a cut file or a chunk length past the end: null, never a throw', async () => {
  const dir = await tempDir();
  const plain = path.join(dir, 'plain.webp');
  await picture().toFile(plain);
  assert.equal(await readWebpExif(plain), null);

  const tagged = await picture().withMetadata({ orientation: 3 }).toBuffer();
  const cut = path.join(dir, 'cut.webp');
  await writeFile(cut, tagged.subarray(0, tagged.length - 10));
  assert.equal(await readWebpExif(cut), null);

  const lying = Buffer.from(await readFile(plain));
  lying.writeUInt32LE(0xfffffff0, 16); // the first chunk claims almost 4 GiB
  const liar = path.join(dir, 'liar.webp');
  await writeFile(liar, lying);
  assert.equal(await readWebpExif(liar), null);
});
