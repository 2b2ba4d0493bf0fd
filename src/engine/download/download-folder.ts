/**
 * The chosen download folder: moves checked temp files into place. A name already taken by a
 * file from before this run follows `--existing`: `rename` (the default) numbers the new file and
 * never replaces anything, `overwrite` replaces the file atomically (one rename), `skip` keeps it
 * and drops the download. Files of this run never replace each other in any mode.
 */
import { link, lstat, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ExistingMode } from '../../shared/settings.js';
import { fsErrorCode } from '../fs-error-words.js';
import { MAX_NUMBERED_NAMES } from '../../media/numbered-name.js';
import { sanitizeFileName, uniqueCandidates } from './download-file-name.js';

/** Where a file went: saved at `path`, or not saved because `path` was kept (`--existing skip`). */
export type SaveOutcome = { saved: true; path: string } | { saved: false; path: string };

// Errors from file systems without hard links (FAT, exFAT, some network shares).
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Where a run's downloads go. One instance per run, shared by all its fetchers. */
export class DownloadFolder {
  readonly dir: string;
  /** Lower-cased names claimed by this run, so two fetchers never race for one name and
   * `Same.jpg`/`same.jpg` do not collide on case-insensitive file systems. */
  private readonly claimed = new Set<string>();
  private hardLinks = true;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /**
   * Moves `tempPath` to `<dir>/<name>`; when a file from before this run has that name, follows
   * `existing`; when this run has used it, or with `rename`, takes `<name-1>`, `<name-2>`, …
   * The name must already be a sanitised single name.
   */
  async saveAs(
    tempPath: string,
    name: string,
    existing: ExistingMode = 'rename',
  ): Promise<SaveOutcome> {
    if (sanitizeFileName(name) !== name) {
      throw new Error(`Expected a safe file name for a download but received "${name}"`);
    }
    for (const candidate of uniqueCandidates(name)) {
      const key = candidate.toLowerCase();
      if (this.claimed.has(key)) continue;
      // Claim before any await: another fetcher of this run may be finishing right now.
      this.claimed.add(key);
      const target = join(this.dir, candidate);
      // Belt and braces: a sanitised name cannot leave the folder, but check the result anyway.
      if (dirname(target) !== this.dir)
        throw new Error(`Refusing to write outside ${this.dir}: ${target}`);
      if (existing === 'overwrite') {
        // rename() replaces the old file in one step: a reader sees the old or the new, never half.
        await rename(tempPath, target);
        return { saved: true, path: target };
      }
      if (await this.placeIfFree(tempPath, target)) return { saved: true, path: target };
      if (existing === 'skip') {
        // Not ours: a later URL with this name is kept from the same file, not numbered.
        this.claimed.delete(key);
        return { saved: false, path: target };
      }
    }
    throw new Error(
      `${name}: no free name for it in ${this.dir} (tried ${MAX_NUMBERED_NAMES} numbered names)`,
    );
  }

  /**
   * `--existing skip` before any request: the path of a file from before this run named `name`,
   * or null when there is none (or this run has used the name, so the download goes ahead).
   */
  async keptFile(name: string): Promise<string | null> {
    if (this.claimed.has(name.toLowerCase())) return null;
    const target = join(this.dir, name);
    if (dirname(target) !== this.dir) return null;
    try {
      await lstat(target);
      return target;
    } catch {
      return null;
    }
  }

  /** Puts the file at `target` unless something is there; false when taken. */
  private async placeIfFree(tempPath: string, target: string): Promise<boolean> {
    if (this.hardLinks) {
      try {
        // link() fails if the target exists, so no other process's file is ever replaced.
        await link(tempPath, target);
        await unlink(tempPath);
        return true;
      } catch (error) {
        const code = fsErrorCode(error);
        if (code === 'EEXIST') return false;
        if (!code || !NO_HARD_LINKS.has(code)) throw error;
        this.hardLinks = false;
      }
    }
    // Without hard links: check, then rename. Only another program writing the same name in the
    // same instant could slip between the two.
    try {
      await lstat(target);
      return false;
    } catch (error) {
      if (fsErrorCode(error) !== 'ENOENT') throw error;
    }
    await rename(tempPath, target);
    return true;
  }
}
