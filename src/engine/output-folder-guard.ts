/**
 * Tells the scanner which folder is the run's output folder, so it is never entered even when it
 * lies inside an input (outputs are written while the scan is still going, so rescanning it would
 * process our own results).
 */
import { realpath, stat } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isSamePathOrInside } from './path-relations.js';

/** Answers "is this folder the output folder, or inside it?" for folders found while scanning. */
export class OutputFolderGuard {
  private constructor(
    private readonly outDir: string | null,
    /** The output folder's real path, even before it exists (via its nearest existing parent). */
    private readonly outReal: string | null,
  ) {}

  /** A guard for `outDir` (null: no output folder to avoid). */
  static async create(outDir: string | null | undefined): Promise<OutputFolderGuard> {
    if (!outDir) return new OutputFolderGuard(null, null);
    const absolute = resolve(outDir);
    return new OutputFolderGuard(absolute, await realPathOfMaybeMissing(absolute));
  }

  /**
   * True when `folder` must not be scanned. `stats` are the folder's own; `viaLink` says it was
   * reached through a symbolic link (only then can it be inside the output folder without
   * passing through it); `rootReal` is the real path of the input being scanned, because an
   * input that itself lies inside the output folder must still be scanned.
   */
  async excludes(
    folder: string,
    stats: BigIntStats,
    viaLink: boolean,
    rootReal: string,
  ): Promise<boolean> {
    if (this.outDir === null || this.outReal === null) return false;
    const out = await stat(this.outDir, { bigint: true }).catch(() => null);
    // The output folder is created while we scan, so look at it afresh each time.
    if (out && out.dev === stats.dev && out.ino === stats.ino) return true;
    if (!viaLink || isSamePathOrInside(rootReal, this.outReal)) return false;
    const folderReal = await realpath(folder).catch(() => folder);
    return isSamePathOrInside(folderReal, this.outReal);
  }
}

/** `realpath` of `path`, or of its nearest existing parent joined with the missing rest. */
export async function realPathOfMaybeMissing(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return join(await realPathOfMaybeMissing(parent), basename(absolute));
  }
}
