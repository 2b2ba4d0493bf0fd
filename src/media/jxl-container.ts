/**
 * What a JPEG XL file carries besides its pixels: its size (from the codestream's header, via
 * image-size, so the pixel limit is checked before decoding) and its EXIF block from the
 * container's `Exif` box, plain or Brotli-compressed (`brob`). A bare codestream has no EXIF.
 */
import { brotliDecompressSync } from 'node:zlib';
import { imageSize } from 'image-size';
import { boxesIn, exifBlock } from './heif-container.js';

/** The facts of a JPEG XL file; null where they cannot be read. */
export interface JxlFacts {
  width: number | null;
  height: number | null;
  /** The EXIF block as sharp gives it for a JPEG ("Exif\0\0" + TIFF), or null. */
  exif: Buffer | null;
}

/** JPEG XL's container signature box: `JXL ` with its fixed payload. */
const CONTAINER = Buffer.from([0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a]);

/** Reads the size and EXIF of a JPEG XL file (the whole file, or at least its start). */
export function readJxlFacts(bytes: Buffer): JxlFacts {
  let width: number | null = null;
  let height: number | null = null;
  try {
    const size = imageSize(bytes);
    width = size.width ?? null;
    height = size.height ?? null;
  } catch {
    // A header image-size cannot read: the decoder will say what is wrong.
  }
  return { width, height, exif: containerExif(bytes) };
}

function containerExif(bytes: Buffer): Buffer | null {
  if (!bytes.subarray(0, CONTAINER.length).equals(CONTAINER)) return null;
  try {
    for (const box of boxesIn(bytes, 0, bytes.length)) {
      if (box.type === 'Exif') return exifBlock(bytes.subarray(box.start, box.end));
      if (box.type === 'brob' && bytes.toString('latin1', box.start, box.start + 4) === 'Exif')
        return exifBlock(brotliDecompressSync(bytes.subarray(box.start + 4, box.end)));
    }
  } catch {
    // A damaged box: no EXIF rather than no photo.
  }
  return null;
}
