/**
 * Sizes before and after, and what was saved: the one place the size maths lives, for the CLI,
 * the window, the run's summary and its record. Pure functions of numbers.
 */
import { formatBytes, MISSING } from './format-figures.js';

/** Bytes in and out, what was saved, and the change as a percentage of the input. */
export interface SizeChange {
  bytesIn: number;
  bytesOut: number;
  /** `bytesIn − bytesOut`: negative when the output grew. */
  savedBytes: number;
  /**
   * Change of size against the input, in percent: −77 when the output is 77% smaller, +12 when
   * it grew by 12%; null when the input's size is 0 (no ratio to give).
   */
  percent: number | null;
}

function size(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`Expected a size of zero or more bytes for ${what} but received ${n}`);
  }
  return n;
}

/** The change from `bytesIn` to `bytesOut`: `sizeChange(1000, 230)` saves 770 bytes, −77%. */
export function sizeChange(bytesIn: number, bytesOut: number): SizeChange {
  size(bytesIn, 'bytesIn');
  size(bytesOut, 'bytesOut');
  return {
    bytesIn,
    bytesOut,
    savedBytes: bytesIn - bytesOut,
    percent: bytesIn === 0 ? null : ((bytesOut - bytesIn) / bytesIn) * 100,
  };
}

/** What a size figure needs of an item. */
export interface SizedItem {
  status: string;
  bytesIn: number | null;
  bytesOut: number | null;
}

/**
 * Whether an item counts in its run's size totals: it ended ok with both sizes known (a
 * download-only item has no output size, a failed one no output). The store's triggers
 * (src/db/migrations/0009-run-size-totals.ts) keep the same rule in SQL.
 */
export function countsTowardSize(item: SizedItem): boolean {
  return item.status === 'ok' && item.bytesIn !== null && item.bytesOut !== null;
}

/** Bytes in and out of the items that count toward a run's size (`countsTowardSize`). */
export interface SizeTotals {
  bytesIn: number;
  bytesOut: number;
}

/** Adds `item` to `totals` if it counts toward them; returns `totals`. */
export function addToSizeTotals(totals: SizeTotals, item: SizedItem): SizeTotals {
  if (countsTowardSize(item)) {
    totals.bytesIn += item.bytesIn!;
    totals.bytesOut += item.bytesOut!;
  }
  return totals;
}

/** The size totals of `items`. */
export function sizeTotals(items: Iterable<SizedItem>): SizeTotals {
  const totals = { bytesIn: 0, bytesOut: 0 };
  for (const item of items) addToSizeTotals(totals, item);
  return totals;
}

/** The change as people read it: "−77%", "+12%", "0%", or null when there is no ratio. */
export function formatSizePercent(percent: number | null): string | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  const whole = Math.round(percent);
  if (whole === 0) return '0%';
  return whole < 0 ? `−${-whole}%` : `+${whole}%`;
}

/**
 * Sizes before → after and the change, as every shell prints them: "9.2 MB → 2.1 MB (−77%)";
 * "—" alone when nothing counted (no item produced an output).
 */
export function sizeChangeText(totals: SizeTotals): string {
  if (totals.bytesIn === 0 && totals.bytesOut === 0) return MISSING;
  const change = sizeChange(totals.bytesIn, totals.bytesOut);
  const percent = formatSizePercent(change.percent);
  return `${formatBytes(totals.bytesIn)} → ${formatBytes(totals.bytesOut)}${percent ? ` (${percent})` : ''}`;
}

/** A run's sizes in → out, "9.2 MB → 2.1 MB", or "—" when no item produced an output. */
export function sizeInOutText(r: SizeTotals): string {
  if (r.bytesIn === 0 && r.bytesOut === 0) return MISSING;
  return `${formatBytes(r.bytesIn)} → ${formatBytes(r.bytesOut)}`;
}

/** What a run saved: "7.1 MB (−77%)", a growth as "grew 1.2 MB (+12%)", or "—". */
export function savedText(r: SizeTotals): string {
  if (r.bytesIn === 0 && r.bytesOut === 0) return MISSING;
  const change = sizeChange(r.bytesIn, r.bytesOut);
  const percent = formatSizePercent(change.percent);
  const bytes =
    change.savedBytes >= 0
      ? formatBytes(change.savedBytes)
      : `grew ${formatBytes(-change.savedBytes)}`;
  return percent ? `${bytes} (${percent})` : bytes;
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
 * The change over items as they arrive in the window (a status where known): the same rule as
 * the run's totals (`countsTowardSize`), so a failed image does not count as "saved". Null when
 * none counts.
 */
export function totalSizeChange(
  items: Iterable<{ status?: string; bytesIn: number | null; bytesOut: number | null }>,
): SizeChange | null {
  const totals = { bytesIn: 0, bytesOut: 0 };
  let any = false;
  for (const item of items) {
    if (!countsTowardSize({ ...item, status: item.status ?? 'ok' })) continue;
    addToSizeTotals(totals, { ...item, status: 'ok' });
    any = true;
  }
  return any ? sizeChange(totals.bytesIn, totals.bytesOut) : null;
}

/** A percent change as people read it: "−77%", "+12%", "0%"; "—" when unknown. */
export function formatChangePercent(percent: number | null): string {
  return formatSizePercent(percent) ?? MISSING;
}

/** "9.2 MB → 2.1 MB (−77%)". */
export function formatSizeChange(change: SizeChange): string {
  return `${formatBytes(change.bytesIn)} → ${formatBytes(change.bytesOut)} (${formatChangePercent(change.percent)})`;
}
