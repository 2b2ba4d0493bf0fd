/**
 * Moves a finished temp file to its final name under the task's claim. Two runs may write into
 * one folder at once (two CLIs, two window tabs), and the planner's look at the folder is
 * already old when the image is done, so the name is claimed at the last instant: `link()`
 * refuses a name that exists, where `rename()` would replace another run's file silently.
 * Synchronous: one or two cheap system calls, where async ones would each cost a round trip
 * through the thread pool on every image.
 */
import { closeSync, linkSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OutputClaim } from '../shared/worker-messages.js';
import { MAX_NAME_BYTES, MAX_NUMBERED_NAMES, numberedName } from '../media/numbered-name.js';

// File systems without hard links (FAT, exFAT, some network shares) answer one of these.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);
/** Most file systems allow 255 bytes per name; a longer numbered name cannot be made. */

/** Where the output ended up: its path (null: the name was taken and nothing was written) and mtime. */
export interface Placed {
  output: string | null;
  mtimeMs: number | null;
}

const codeOf = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | null)?.code;

/** Claims `target` for `temp` if it is free; false when it is taken. Never replaces a file. */
function claimIfFree(temp: string, target: string): boolean {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST') return false;
    if (!code || !NO_HARD_LINKS.has(code)) throw error;
    return claimWithoutLinks(temp, target);
  }
  unlinkSync(temp);
  return true;
}

/**
 * Without hard links: create the name exclusively (O_EXCL holds on every local file system),
 * then rename the temp over our own placeholder, which is atomic. Only a crash between the two
 * could leave an empty file under the name.
 */
function claimWithoutLinks(temp: string, target: string): boolean {
  try {
    closeSync(openSync(target, 'wx'));
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  renameSync(temp, target);
  return true;
}

/** Puts `temp` at `output` (or the first free numbered name) as `claim` says; removes `temp`. */
export function placeOutput(temp: string, output: string, claim: OutputClaim): Placed {
  const done = (path: string): Placed => ({ output: path, mtimeMs: statSync(path).mtimeMs });
  if (claim === 'replace') {
    renameSync(temp, output);
    return done(output);
  }
  if (claimIfFree(temp, output)) return done(output);
  if (claim === 'numbered') {
    const folder = dirname(output);
    for (let n = 1; n <= MAX_NUMBERED_NAMES; n += 1) {
      const name = numberedName(basename(output), n);
      if (Buffer.byteLength(name) > MAX_NAME_BYTES) break;
      const candidate = join(folder, name);
      if (claimIfFree(temp, candidate)) return done(candidate);
    }
  }
  unlinkSync(temp);
  if (claim === 'exclusive') return { output: null, mtimeMs: null };
  // Every numbered name is taken: say so in words rather than replace one of them.
  throw new Error(`no free name like ${basename(output)} is left in ${dirname(output)}`);
}
