/**
 * A WebP file's EXIF block: the RIFF container's `EXIF` chunk, which encoders put after the
 * image data (so a header read does not reach it). Found by walking the chunk headers with
 * positioned reads, never reading the image data. exifr does not read WebP; given this block (a
 * TIFF structure) it reads the tags, and libvips applies that orientation while decoding.
 */
import { open } from 'node:fs/promises';

/** The largest EXIF chunk read (EXIF in a JPEG is at most 64 KiB; generous for WebP). */
const MAX_EXIF_BYTES = 1 << 20;
/** Chunks walked at most: a WebP has a handful (VP8X, ICCP, ANIM, frames, EXIF, XMP). */
const MAX_CHUNKS = 10_000;

/** The EXIF chunk's TIFF block ("Exif\0\0" dropped, as some writers add it), or null. */
export async function readWebpExif(path: string): Promise<Buffer | null> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const head = Buffer.alloc(8);
    for (let at = 12, walked = 0; at + 8 <= size && walked < MAX_CHUNKS; walked++) {
      const { bytesRead } = await file.read(head, 0, 8, at);
      if (bytesRead < 8) return null;
      const fourcc = head.toString('latin1', 0, 4);
      const length = head.readUInt32LE(4);
      if (fourcc === 'EXIF') {
        if (length > MAX_EXIF_BYTES || at + 8 + length > size) return null;
        const block = Buffer.alloc(length);
        await file.read(block, 0, length, at + 8);
        return withoutExifPrefix(block);
      }
      // Payloads are padded to an even length.
      at += 8 + length + (length % 2);
    }
    return null;
  } finally {
    await file.close();
  }
}

function withoutExifPrefix(block: Buffer): Buffer {
  return block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
}
