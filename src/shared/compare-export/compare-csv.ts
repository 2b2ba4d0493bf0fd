/**
 * A comparison as CSV (RFC 4180): one row per run, the same figures as the table in
 * machine-readable units (ms, bytes, plain numbers, fractions; empty when unknown), for
 * spreadsheets and scripts.
 */
import type { RunComparison, RunMetrics } from '../compare-runs.js';

/** Columns, in order, with how each is read from a run's figures. */
const COLUMNS: readonly [string, (r: RunMetrics, baselineId: number) => unknown][] = [
  ['run_id', (r) => r.runId],
  ['baseline', (r, b) => (r.runId === b ? 1 : 0)],
  ['label', (r) => r.label],
  ['kind', (r) => r.kind],
  ['status', (r) => r.status],
  ['started_at', (r) => r.startedAt],
  ['workers', (r) => r.workers],
  ['threads', (r) => r.threads],
  ['pipeline', (r) => r.pipeline],
  ['items_ok', (r) => r.items],
  ['items_failed', (r) => r.failed],
  ['items_total', (r) => r.total],
  ['wall_ms', (r) => r.wallMs],
  ['cpu_ms', (r) => r.cpuMs],
  ['items_per_second', (r) => r.itemsPerSecond],
  ['megapixels_per_second', (r) => r.megapixelsPerSecond],
  ['ms_per_item', (r) => r.msPerItem],
  ['speedup', (r) => r.speedup],
  ['efficiency', (r) => r.efficiency],
  ['p50_ms', (r) => r.p50Ms],
  ['p95_ms', (r) => r.p95Ms],
  ['peak_rss_bytes', (r) => r.peakRssBytes],
  ['bytes_in', (r) => r.bytesIn],
  ['bytes_out', (r) => r.bytesOut],
];

/** CSV's column names, for readers of the export. */
export const CSV_COLUMNS = COLUMNS.map(([name]) => name);

/**
 * One cell. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * CR) gets a leading apostrophe, as OWASP advises for CSV injection; a run's label is user text.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The comparison as CSV text, CRLF line ends as RFC 4180 says. */
export function comparisonCsv(comparison: RunComparison): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...comparison.runs.map((r) =>
      COLUMNS.map(([, read]) => cell(read(r, comparison.baselineId))).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
