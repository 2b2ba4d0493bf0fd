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
  /** The codestream's orientation (1–8, as EXIF's), which libjxl applies while decoding. */
  orientation: number;
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
  return {
    width,
    height,
    orientation: orientationOf(codestream(bytes)),
    exif: containerExif(bytes),
  };
}

/**
 * The start of the codestream: the file itself, or the payload of its `jxlc` box, or its `jxlp`
 * parts joined (the first may hold only a few bytes).
 */
function codestream(bytes: Buffer): Buffer | null {
  if (bytes[0] === 0xff && bytes[1] === 0x0a) return bytes;
  if (!bytes.subarray(0, CONTAINER.length).equals(CONTAINER)) return null;
  const parts: Buffer[] = [];
  for (const box of boxesIn(bytes, 0, bytes.length)) {
    if (box.type === 'jxlc') return bytes.subarray(box.start, box.end);
    if (box.type === 'jxlp') parts.push(bytes.subarray(box.start + 4, box.end));
  }
  return parts.length ? Buffer.concat(parts) : null;
}

/**
 * The orientation in a codestream's header (ISO/IEC 18181-1: SizeHeader, then ImageMetadata's
 * `all_default`, `extra_fields` and `orientation`), read bit by bit, least significant first; 1
 * when it cannot be read.
 */
function orientationOf(stream: Buffer | null): number {
  if (!stream || stream[0] !== 0xff || stream[1] !== 0x0a) return 1;
  let bit = 16;
  const u = (n: number): number => {
    let value = 0;
    for (let i = 0; i < n; i++, bit++) {
      const byte = stream[bit >> 3];
      if (byte === undefined) throw new RangeError('header beyond the bytes read');
      value |= ((byte >> (bit & 7)) & 1) << i;
    }
    return value;
  };
  const side = (small: boolean) => (small ? u(5) : u([9, 13, 18, 30][u(2)]!));
  try {
    const small = u(1) === 1;
    side(small);
    if (u(3) === 0) side(small);
    if (u(1) === 1) return 1; // all_default
    if (u(1) === 0) return 1; // no extra fields: orientation 1
    return 1 + u(3);
  } catch {
    return 1;
  }
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
