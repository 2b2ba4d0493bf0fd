/** Plain-text tables and figures for the bench's output. */
import { formatTable } from '../../src/cli/format-table.js';

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints a titled table with right-aligned figures and a left-aligned first column. */
export function printTable(
  title: string,
  header: string[],
  rows: string[][],
  notes: string[] = [],
): void {
  // The CLI's own table layout (left-aligned first column, right-aligned figures).
  const out = [`\n## ${title}`, formatTable(header, rows).trimEnd(), ...notes];
  process.stdout.write(out.join('\n') + '\n');
}

/** Prints lines under the last table. */
export function printLines(...lines: string[]): void {
  process.stdout.write(lines.join('\n') + '\n');
}

/** `1.23` style with a fixed number of decimals; "–" for missing figures. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toFixed(digits);
}

/** Bytes as MiB. */
export function mib(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(0);
}

/** A ratio `a/b` as "1.23x". */
export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '–';
}

/** "met" or "NOT met", for targets that are reported, never asserted. */
export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}
