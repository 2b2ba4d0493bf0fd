/**
 * An input as sharp can read it: the file's own bytes (or path), or for a HEIC/HEIF or a JPEG XL,
 * which the prebuilt sharp cannot decode, a PNG of its (primary) image with its colour profile
 * (decode-heif.ts, decode-jxl.ts) and the file's EXIF block beside it. The run's pipeline and the
 * window's thumbnails both open their inputs here.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SNIFF_BYTES, sniffBytes } from '../media/sniff-image.js';
import { decodeHeif } from './decode-heif.js';
import { decodeJxl } from './decode-jxl.js';

/** What sharp is given, and what it cannot learn from it. */
export interface SharpInput {
  input: Buffer | string;
  /**
   * Set for a file decoded here (HEIF, JPEG XL): its EXIF block (null: none), its image count,
   * and whether the PNG carries a profile. Null: sharp reads the file itself.
   */
  decoded: { exif: Buffer | null; images: number; hasProfile: boolean } | null;
}

function firstBytes(input: Buffer | string): Buffer {
  if (Buffer.isBuffer(input)) return input.subarray(0, SNIFF_BYTES);
  const fd = openSync(input, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Opens `input` for sharp; `maxPixels` is the run's limit (a HEIF is checked before decoding). */
export async function sharpInput(
  input: Buffer | string,
  maxPixels: number | false,
): Promise<SharpInput> {
  const format = sniffBytes(firstBytes(input)).format;
  if (format !== 'heif' && format !== 'jxl') return { input, decoded: null };
  const bytes = Buffer.isBuffer(input) ? input : await readFile(input);
  if (format === 'jxl') {
    const jxl = await decodeJxl(bytes, maxPixels);
    return { input: jxl.png, decoded: { exif: jxl.facts.exif, images: 1, hasProfile: false } };
  }
  const heif = await decodeHeif(bytes, maxPixels);
  return {
    input: heif.png,
    decoded: { exif: heif.facts.exif, images: heif.images, hasProfile: heif.hasProfile },
  };
}
