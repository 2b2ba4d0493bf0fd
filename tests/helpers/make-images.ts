/**
 * Writes real test files with sharp (and a few hand-built ones sharp refuses to make), for any
 * test that needs images on disk. Every writer takes the full path, creates missing parent
 * folders and returns the path, so fixtures read as `await writeJpeg(join(dir, 'a/x.jpg'))`.
 *
 * Pictures carry a pattern rather than a flat colour, so resizing, blurring and rotation can be
 * checked on pixels: a horizontal red ramp, a vertical green ramp, and a pure red marker block
 * in the top-left corner of the stored pixels.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

/** Size of a picture fixture in pixels. */
export interface Size {
  width: number;
  height: number;
}

const DEFAULT_SIZE: Size = { width: 64, height: 48 };

/** A fresh empty folder under the OS temp folder; remove it with `removeTempDir`. */
export async function makeTempDir(prefix = 'photobatch-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Removes a folder made by `makeTempDir`, with everything in it. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Raw RGB (or RGBA) pixels of the test pattern; the marker is the top-left eighth. */
export function patternPixels(size: Size = DEFAULT_SIZE, alpha = false): Buffer {
  const channels = alpha ? 4 : 3;
  const pixels = Buffer.alloc(size.width * size.height * channels);
  const markerW = Math.max(1, Math.floor(size.width / 4));
  const markerH = Math.max(1, Math.floor(size.height / 2));
  for (let y = 0; y < size.height; y += 1) {
    for (let x = 0; x < size.width; x += 1) {
      const at = (y * size.width + x) * channels;
      const marker = x < markerW && y < markerH;
      pixels[at] = marker ? 255 : Math.round((x / Math.max(1, size.width - 1)) * 200);
      pixels[at + 1] = marker ? 0 : Math.round((y / Math.max(1, size.height - 1)) * 200);
      pixels[at + 2] = marker ? 0 : 96;
      // Transparent right half, so "alpha kept" and "alpha flattened" look different.
      if (alpha) pixels[at + 3] = x < size.width / 2 ? 255 : 0;
    }
  }
  return pixels;
}

function pattern(size: Size = DEFAULT_SIZE, alpha = false): Sharp {
  return sharp(patternPixels(size, alpha), {
    raw: { width: size.width, height: size.height, channels: alpha ? 4 : 3 },
  });
}

async function save(file: string, data: Buffer | string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, data);
  return file;
}

/** A baseline JPEG of the pattern. */
export async function writeJpeg(file: string, size: Size = DEFAULT_SIZE): Promise<string> {
  return save(file, await pattern(size).jpeg({ quality: 90 }).toBuffer());
}

/**
 * A JPEG whose stored pixels are `size` (default 80×40, marker top-left) with EXIF Orientation
 * `orientation` (default 6: display rotated 90° clockwise, so it shows 40×80, marker top-right).
 */
export async function writeJpegWithOrientation(
  file: string,
  orientation = 6,
  size: Size = { width: 80, height: 40 },
): Promise<string> {
  const data = await pattern(size).jpeg({ quality: 90 }).withMetadata({ orientation }).toBuffer();
  return save(file, data);
}

/** An 8-bit RGBA PNG: opaque left half, fully transparent right half. */
export async function writePngWithAlpha(file: string, size: Size = DEFAULT_SIZE): Promise<string> {
  return save(file, await pattern(size, true).png().toBuffer());
}

/** An opaque 8-bit RGB PNG of the pattern. */
export async function writePng(file: string, size: Size = DEFAULT_SIZE): Promise<string> {
  return save(file, await pattern(size).png().toBuffer());
}

/** A 16-bit-per-channel RGB PNG. */
export async function write16BitPng(file: string, size: Size = DEFAULT_SIZE): Promise<string> {
  return save(file, await pattern(size).toColourspace('rgb16').png().toBuffer());
}

/** A CMYK JPEG (as print workflows and some scanners produce). */
export async function writeCmykJpeg(file: string, size: Size = DEFAULT_SIZE): Promise<string> {
  return save(file, await pattern(size).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer());
}

/** An animated GIF with `frames` frames of `size` (each frame a different shade). */
export async function writeAnimatedGif(
  file: string,
  frames = 3,
  size: Size = { width: 32, height: 24 },
): Promise<string> {
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp({
        create: { ...size, channels: 3, background: { r: 40 + i * 60, g: 120, b: 200 - i * 50 } },
      })
        .png()
        .toBuffer(),
    ),
  );
  const data = await sharp(pages, { join: { animated: true } })
    .gif({ delay: 100, loop: 0 })
    .toBuffer();
  return save(file, data);
}

/** A 1×1 image (PNG unless another format is asked for): the smallest legal input. */
export async function writeOnePixelImage(
  file: string,
  format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png',
): Promise<string> {
  const data = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#c04020' } })
    .toFormat(format)
    .toBuffer();
  return save(file, data);
}

/** The pattern in any format sharp writes here (WebP, AVIF, TIFF, GIF, …), e.g. for content sniffing. */
export async function writeImageAs(
  file: string,
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff' | 'gif',
  size: Size = DEFAULT_SIZE,
): Promise<string> {
  return save(file, await pattern(size).toFormat(format).toBuffer());
}

/**
 * A decompression bomb: a valid PNG header declaring `size` (default 100000×100000, 10
 * gigapixels) followed by a few hundred bytes of compressed data. sharp reads the size from the
 * header and must refuse it by its pixel limit before decoding anything.
 */
export async function writeDecompressionBombPng(
  file: string,
  size: Size = { width: 100_000, height: 100_000 },
): Promise<string> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size.width, 0);
  header.writeUInt32BE(size.height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  // A few all-zero rows (filter byte + pixels) compress to almost nothing: the file stays tiny.
  const rows = deflateSync(Buffer.alloc((size.width * 3 + 1) * 4));
  const data = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return save(file, data);
}

function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

/** An HTML page (what a server sends instead of an image): give it a `.jpg` name to test content checks. */
export async function writeHtml(file: string): Promise<string> {
  return save(
    file,
    '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n',
  );
}

/** A plain text file. */
export async function writeText(
  file: string,
  text = 'Holiday photos, summer 2024.\n',
): Promise<string> {
  return save(file, text);
}

/** A file of zero bytes. */
export async function writeEmptyFile(file: string): Promise<string> {
  return save(file, Buffer.alloc(0));
}

/** Any bytes, e.g. a hand-made header for a format sharp cannot write (HEIC, JPEG 2000, BMP). */
export async function writeBytes(file: string, bytes: Buffer | Uint8Array): Promise<string> {
  return save(file, Buffer.from(bytes));
}
