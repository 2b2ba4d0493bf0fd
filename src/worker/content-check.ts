/**
 * Checks, before decoding, that a file's bytes are what its name promised the scanner. The
 * scanner trusts a picture's name so that only the worker reads the file; the worker names the
 * content from the bytes it has anyway and hands back anything unexpected, unprocessed.
 */
import type { WorkerTask } from '../shared/worker-messages.js';
import { SNIFF_BYTES, sniffBytes } from '../media/sniff-image.js';
import type { SniffResult } from '../media/sniff-image.js';

/**
 * Null when the task may go on; otherwise what the bytes really are: not a decodable image at
 * all, or (when `expect.exact`) a decodable image of another format, which would change the
 * output's name and format under `keep`.
 */
export function contentMismatch(task: WorkerTask, input: Buffer): SniffResult | null {
  if (!task.expect) return null;
  const sniffed = sniffBytes(input.subarray(0, SNIFF_BYTES));
  if (sniffed.kind !== 'image') return sniffed;
  if (task.expect.exact && sniffed.format !== task.expect.format) return sniffed;
  return null;
}
