/**
 * Writing a file the user named, atomically: the text goes to a hidden temp file beside it, which
 * is then linked into place (refused if the name exists) or, with `force`, renamed over it. A
 * crash or a full disk leaves either the old file or the new one, never half of one.
 */
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError, fsErrorCode } from '../engine/fs-error-words.js';
import { CliUsageError } from './cli-io.js';

/** Writes `text` to `path`; a CliUsageError naming the file when it exists (without `force`). */
export async function writeNewFile(path: string, text: string, force: boolean): Promise<string> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    if (force) await rename(temp, target);
    else await link(temp, target);
  } catch (error) {
    if (fsErrorCode(error) === 'EEXIST')
      throw new CliUsageError(`${path}: the file exists; pass --force to replace it`);
    if (fsErrorCode(error) === 'ENOENT')
      throw new CliUsageError(`${path}: its folder does not exist`);
    throw new CliUsageError(`${path}: could not be written (${describeFsError(error)})`);
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
  return target;
}
