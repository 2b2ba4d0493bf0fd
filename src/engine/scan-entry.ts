/**
 * One file found by the scanner, as the output planner and the run see it, and how to name it in
 * messages.
 */
import { basename, join } from 'node:path';
import type { ReadableFormat, SniffedFormat } from '../media/sniff-image.js';

interface ScanEntryBase {
  /** Absolute path as reached (through links, not resolved), so names stay the user's. */
  source: string;
  /** The input (absolute) this entry came from: a folder, or the file itself for a file input. */
  root: string;
  /** Path below `root` (OS separators); a file input's own name. */
  relativePath: string;
  /**
   * Bytes on disk; null when the scanner did not look (a photo taken on its name: the worker
   * reports its size), 0 for an unreadable file.
   */
  size: number | null;
}

/** A decodable image to process. */
export interface ImageEntry extends ScanEntryBase {
  verdict: 'image';
  format: ReadableFormat;
  /** False when the format is only what the name claims: the worker checks the bytes. */
  checked: boolean;
  /**
   * Its place among the run's images (from 1, in scan order, counting those a resumed run has
   * done already), for a name template's {index}; absent where there is no such order.
   */
  index?: number;
}

/** A file left alone (skip) or one that should have been an image but is not usable (fail). */
export interface RejectedEntry extends ScanEntryBase {
  verdict: 'skip' | 'fail';
  format: SniffedFormat | null;
  /** A whole sentence naming the file: `holiday.jpg: not an image (it is an HTML page)`. */
  reason: string;
}

/** One file (or unscanned folder) found by the scanner. */
export type ScanEntry = ImageEntry | RejectedEntry;

/**
 * The name to show for a path below an input: the input's own name first (`photos/2024/a.jpg`),
 * so entries from two inputs are told apart; a file input is just its name.
 */
export function entryLabel(entry: Pick<ScanEntryBase, 'source' | 'root' | 'relativePath'>): string {
  const isFileInput = entry.source === entry.root;
  return printableName(
    isFileInput ? basename(entry.root) : join(basename(entry.root), entry.relativePath),
  );
}

/**
 * Names may hold newlines or other control characters (Linux allows them); show them escaped so
 * a message stays on one line and says exactly which file it means.
 */
export function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/**
 * A reason without the file's name in front (`holiday.jpg: not an image` → `not an image`):
 * items carry their source, so the stored reason need not repeat it.
 */
export function reasonWithoutName(
  entry: Pick<ScanEntryBase, 'source' | 'root' | 'relativePath'>,
  reason: string,
): string {
  const label = `${entryLabel(entry)}: `;
  return reason.startsWith(label) ? reason.slice(label.length) : reason;
}
