/**
 * The rule for the alternative names of an output that is taken (`x.jpg` → `x-1.jpg`), in one
 * place: the engine's planner hands them out, and a worker that finds its planned name taken by
 * another run at the moment of writing takes the next one by the same rule.
 */
import { extname } from 'node:path';

/** The `n`th alternative for a name that is taken: `x.jpg` → `x-1.jpg`; `.jpg`-less names get `-n` at the end. */
export function numberedName(name: string, n: number): string {
  const extension = extname(name);
  return `${name.slice(0, name.length - extension.length)}-${n}${extension}`;
}

/** Longest file name, in bytes, on the file systems we write to (ext4, APFS, NTFS all allow 255). */
export const MAX_NAME_BYTES = 255;

/** Gives up looking for a free numbered name after this many tries (every search is bounded). */
export const MAX_NUMBERED_NAMES = 10_000;
