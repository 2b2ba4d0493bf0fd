/**
 * Image dimensions from file headers, without decoding (image-size), for estimates made before
 * anything is processed. Reads only the start of each file.
 */
import { open } from 'node:fs/promises';
import { imageSize } from 'image-size';

/**
 * Bytes read from each file: a JPEG's size comes after its EXIF segment, which holds a thumbnail
 * and is at most 64 KiB per segment; a few segments fit in this, as a HEIF's meta box does.
 */
const HEADER_BYTES = 256 * 1024;

/** The first HEADER_BYTES of `path` (fewer for a smaller file); I/O errors are thrown. */
export async function readHeader(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close().catch(() => {});
  }
}

/** Width × height of the image in `path`, or null if its header could not be read. */
export async function readImageDimensions(
  path: string,
): Promise<{ width: number; height: number } | null> {
  try {
    const size = imageSize(await readHeader(path));
    if (!size.width || !size.height) return null;
    // EXIF orientations 5–8 swap the sides; the area is the same either way.
    return { width: size.width, height: size.height };
  } catch {
    return null;
  }
}

/** Runs `work` on every item with at most `limit` at once; results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
