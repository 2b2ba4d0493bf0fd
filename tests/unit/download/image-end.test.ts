/**
 * The end check on real encoded images (sharp makes them; a real photo too): whole files pass
 * however the bytes are split, trailing bytes are allowed, and a file cut anywhere fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { createImageEndCheck } from '../../../src/media/image-end.js';
import { originalPhotos } from '../../helpers/real-photos.js';

const images: Record<string, Buffer> = {};

before(async () => {
  const base = sharp({
    create: { width: 120, height: 80, channels: 3, background: '#2a6' },
  }).composite([
    {
      input: Buffer.from(
        '<svg width="120" height="80"><circle cx="40" cy="40" r="30" fill="#d33"/></svg>',
      ),
    },
  ]);
  const raw = await base.png().toBuffer();
  images.jpeg = await sharp(raw).jpeg().toBuffer();
  images['progressive jpeg'] = await sharp(raw).jpeg({ progressive: true }).toBuffer();
  images.png = raw;
  images.gif = await sharp(raw).gif().toBuffer();
  images.webp = await sharp(raw).webp().toBuffer();
  images.avif = await sharp(raw).avif().toBuffer();
  images['real photo'] = readFileSync(originalPhotos()[0]!);
});

function check(bytes: Buffer, chunk: number): string | null {
  const end = createImageEndCheck();
  for (let at = 0; at < bytes.length; at += chunk) end.push(bytes.subarray(at, at + chunk));
  return end.finish()?.words ?? null;
}

test('whole images pass, whatever the chunk size', () => {
  for (const [name, bytes] of Object.entries(images)) {
    for (const chunk of [1, 7, 4096, bytes.length]) {
      assert.equal(check(bytes, chunk), null, `${name} in ${chunk}-byte chunks`);
    }
  }
});

test('bytes after the end (padding) are allowed', () => {
  for (const name of ['jpeg', 'png', 'gif', 'real photo']) {
    const padded = Buffer.concat([images[name]!, Buffer.alloc(5000)]);
    assert.equal(check(padded, 1000), null, name);
  }
});

test('a file cut short fails, wherever it is cut', () => {
  for (const [name, bytes] of Object.entries(images)) {
    for (const keep of [0.2, 0.5, 0.9, 0.999]) {
      const cut = bytes.subarray(0, Math.max(70, Math.floor(bytes.length * keep)));
      if (cut.length >= bytes.length) continue;
      const problem = check(cut, 1000);
      assert.ok(problem, `${name} cut to ${cut.length} of ${bytes.length} bytes passed`);
    }
  }
});

test('a JPEG cut just before its end marker fails and says so', () => {
  const jpeg = images.jpeg!;
  assert.match(check(jpeg.subarray(0, jpeg.length - 2), 512)!, /ends early \(no end marker\)/);
});
