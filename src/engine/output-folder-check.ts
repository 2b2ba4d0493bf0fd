/**
 * Makes a run's output folder usable before anything about the run is stored: not a system tree
 * (/proc, /sys, /dev), not a file, created if missing (a bounded `mkdir -p`), and its file
 * system's case sensitivity probed rather than assumed. A problem here is an
 * `OutputFolderError`, which the shells report as bad usage (exit 2), with no run left behind.
 */
import { lstat, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolders, MakeFoldersError } from '../media/make-folders.js';
import { describeFsError } from './fs-error-words.js';
import { systemTreeOf } from './system-trees.js';

/** The output folder cannot be used at all (it is an input, or a file); shells report it as bad usage. */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/** What the check learnt about a usable output folder. */
export interface OutputFolderFacts {
  /** `A.jpg` and `a.jpg` are two files there (ext4), not one (APFS, NTFS by default). */
  caseSensitive: boolean;
}

/** Refuses, or creates and probes, the output folder `outDir` (absolute). */
export async function prepareOutputFolder(outDir: string): Promise<OutputFolderFacts> {
  const system = await systemTreeOf(outDir);
  if (system) {
    throw new OutputFolderError(
      `The output folder ${outDir} is in ${system}, which holds the running system's own files, not images; choose another folder.`,
    );
  }
  try {
    await makeFolders(outDir);
  } catch (error) {
    if (!(error instanceof MakeFoldersError)) throw error;
    if (error.code === 'ENOTDIR' && error.path === outDir)
      throw new OutputFolderError(`The output folder ${outDir} is a file, not a folder.`);
    if (error.code === 'ENOTDIR')
      throw new OutputFolderError(
        `The output folder ${outDir} cannot be made: ${error.path} is a file, not a folder.`,
      );
    const where = error.path === outDir ? '' : ` at ${error.path}`;
    throw new OutputFolderError(
      `The output folder ${outDir} cannot be made${where} (${describeFsError(error)}).`,
    );
  }
  return { caseSensitive: await probeCaseSensitivity(outDir) };
}

/**
 * Writes a probe file with upper-case letters and looks for its lower-case spelling. Named like
 * our temp files, so a scan of a folder holding it ignores it. When the probe cannot be written
 * (a read-only folder fails later, per image, in words) the strict answer is kept: insensitive.
 */
async function probeCaseSensitivity(dir: string): Promise<boolean> {
  const name = `.Case-Probe.photobatch-0-${process.pid}${Math.floor(Math.random() * 1e9)}.tmp`;
  const probe = join(dir, name);
  try {
    await (await open(probe, 'wx')).close();
  } catch {
    return false;
  }
  try {
    return (await lstat(join(dir, name.toLowerCase())).catch(() => null)) === null;
  } finally {
    await unlink(probe).catch(() => undefined);
  }
}
