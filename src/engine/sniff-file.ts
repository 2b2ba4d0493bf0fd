/** The scanner's look at a file it has not read yet: its first bytes, named by content. */
import { open } from 'node:fs/promises';
import { SNIFF_BYTES, sniffBytes } from '../media/sniff-image.js';
import type { SniffResult } from '../media/sniff-image.js';

/** Reads the first bytes of `file` and names its content. I/O errors are thrown to the caller. */
export async function sniffFile(file: string): Promise<SniffResult> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return sniffBytes(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
