/**
 * Bytes in and out, and what a setting saved: one source for the window's banners and grids, the
 * run record's totals, History, Compare and the CLI. A saving is a negative change: 9.2 MB →
 * 2.1 MB is −77%; an output larger than its input is a positive one, and is flagged.
 */
import { formatBytes } from './format-figures.js';

/** How a size changed. `percent` is negative when the output is smaller; null when `bytesIn` is 0. */
export interface SizeChange {
  bytesIn: number;
  bytesOut: number;
  /** bytesIn − bytesOut: positive when space was saved. */
  savedBytes: number;
  percent: number | null;
}

/** The change from `bytesIn` to `bytesOut`. */
export function sizeChange(bytesIn: number, bytesOut: number): SizeChange {
  return {
    bytesIn,
    bytesOut,
    savedBytes: bytesIn - bytesOut,
    percent: bytesIn > 0 ? ((bytesOut - bytesIn) / bytesIn) * 100 : null,
  };
}

/** Bytes saved (negative when the output grew). */
export function bytesSaved(bytesIn: number, bytesOut: number): number {
  return sizeChange(bytesIn, bytesOut).savedBytes;
}

/** The change in percent (negative: smaller), or null when there was nothing in. */
export function savingPercent(bytesIn: number, bytesOut: number): number | null {
  return sizeChange(bytesIn, bytesOut).percent;
}

/** True when an output is larger than its input: worth a flag, the setting made it worse. */
export function grewLarger(bytesIn: number | null, bytesOut: number | null): boolean {
  return bytesIn !== null && bytesOut !== null && bytesOut > bytesIn;
}

/**
 * The change over items that have both sizes (processed ones); items missing either are left
 * out of both sides, so a failed image does not count as "saved". Null when none has both.
 */
export function totalSizeChange(
  items: Iterable<{ bytesIn: number | null; bytesOut: number | null }>,
): SizeChange | null {
  let bytesIn = 0;
  let bytesOut = 0;
  let any = false;
  for (const item of items) {
    if (item.bytesIn === null || item.bytesOut === null) continue;
    bytesIn += item.bytesIn;
    bytesOut += item.bytesOut;
    any = true;
  }
  return any ? sizeChange(bytesIn, bytesOut) : null;
}

/** A percent change as people read it: "−77%", "+12%", "±0%"; "—" when unknown. */
export function formatChangePercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  const whole = Math.round(percent);
  if (whole === 0) return '±0%';
  // U+2212 MINUS SIGN, as typeset figures have it.
  return whole < 0 ? `−${-whole}%` : `+${whole}%`;
}

/** "9.2 MB → 2.1 MB (−77%)". */
export function formatSizeChange(change: SizeChange): string {
  return `${formatBytes(change.bytesIn)} → ${formatBytes(change.bytesOut)} (${formatChangePercent(change.percent)})`;
}
