/**
 * Names of the files outputs are written to before they are renamed into place. They sit beside
 * the target (same folder, so the rename is atomic on one file system), are hidden, and carry
 * the run and task ids so a resumed or cancelled run can find and remove its own leftovers.
 */
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsErrorCode } from './fs-error-words.js';

/** Most file systems (ext4, APFS, NTFS) allow 255 bytes (or units) per name. */
export { MAX_NAME_BYTES } from '../media/numbered-name.js';
import { MAX_NAME_BYTES } from '../media/numbered-name.js';

// The optional `-a<attempt>` is a queue task's try: two machines never write one temp file.
const TEMP_NAME = /^\.(.*)\.photobatch-(\d+)-(\d+)(?:-a\d+)?\.tmp$/s;

/**
 * The temp path for `output`: `.<name>.photobatch-<runId>-<taskId>.tmp` in the same folder
 * (`…-<taskId>-a<attempt>.tmp` for a queue task's attempt).
 * A long name is shortened (whole characters only) so the temp name still fits in 255 bytes.
 * The name ends in `.tmp`, so the writer must set the output format explicitly.
 */
export function tempPathFor(
  output: string,
  runId: number,
  taskId: number,
  attempt?: number,
): string {
  const tried = attempt === undefined ? '' : `-a${attempt}`;
  const suffix = `.photobatch-${runId}-${taskId}${tried}.tmp`;
  const room = MAX_NAME_BYTES - 1 - Buffer.byteLength(suffix);
  return join(dirname(output), `.${truncateToBytes(basename(output), room)}${suffix}`);
}

/** True when `name` (a base name, not a path) is one of our temp names. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** The run id a temp name belongs to, or null when the name is not one of ours. */
export function runIdOfTempName(name: string): number | null {
  const match = TEMP_NAME.exec(name);
  return match ? Number(match[2]) : null;
}

/** Options of `removeStrayTemps`. */
export interface RemoveStrayTempsOptions {
  /** Only remove temps of this run, so a run writing to the same folder at once is left alone. */
  runId?: number;
}

/**
 * Removes our temp files under `dir` (recursively; links to folders are not followed, so nothing
 * outside `dir` is touched) and returns how many were removed. A missing `dir` removes nothing.
 */
export async function removeStrayTemps(
  dir: string,
  options: RemoveStrayTempsOptions = {},
): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT' || fsErrorCode(error) === 'ENOTDIR') return 0;
    throw error;
  }
  let removed = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      removed += await removeStrayTemps(path, options);
      continue;
    }
    const runId = runIdOfTempName(entry.name);
    if (runId === null || (options.runId !== undefined && runId !== options.runId)) continue;
    try {
      await unlink(path);
      removed += 1;
    } catch (error) {
      // Another cleaner (or the run itself renaming it into place) got there first.
      if (fsErrorCode(error) !== 'ENOENT') throw error;
    }
  }
  return removed;
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function truncateToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
