/**
 * An input as sharp can read it: the file's own bytes (or path), or for a HEIC/HEIF, which the
 * prebuilt sharp cannot decode, a PNG of its primary image with its colour profile
 * (decode-heif.ts) and the file's EXIF block beside it. The run's pipeline and the window's
 * thumbnails both open their inputs here.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SNIFF_BYTES, sniffBytes } from '../media/sniff-image.js';
import { decodeHeif } from './decode-heif.js';

/** What sharp is given, and what it cannot learn from it. */
export interface SharpInput {
  input: Buffer | string;
  /** Set for a decoded HEIF: its EXIF block (null: none), its image count, its profile. */
  heif: { exif: Buffer | null; images: number; hasProfile: boolean } | null;
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
  if (sniffBytes(firstBytes(input)).format !== 'heif') return { input, heif: null };
  const bytes = Buffer.isBuffer(input) ? input : await readFile(input);
  const decoded = await decodeHeif(bytes, maxPixels);
  return {
    input: decoded.png,
    heif: {
      exif: decoded.facts.exif,
      images: decoded.images,
      hasProfile: decoded.hasProfile,
    },
  };
}
