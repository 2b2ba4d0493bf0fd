/**
 * The comparison table's columns and cells, formatted for people: one definition for the CLI's
 * `compare`, its Markdown export and its HTML export, so they always show the same figures.
 */
import type { RunComparison, RunMetrics } from './compare-runs.js';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRatio,
} from './format-figures.js';
import { savedText, sizeInOutText } from './savings.js';

/** Column headings, in order. */
export const COMPARISON_HEADER = [
  'run',
  'label',
  'how',
  'images',
  'wall',
  'CPU',
  'img/s',
  'MP/s',
  'speedup',
  'efficiency',
  'p50',
  'p95',
  'peak mem',
  'in → out',
  'saved',
] as const;

/** How a run worked: "2w fast", "download". */
export function describeHow(r: RunMetrics): string {
  return r.kind === 'download' ? 'download' : `${r.workers}w ${r.pipeline ?? ''}`.trim();
}

/**
 * One row of cells per run, the baseline's id marked with `*` (once, even when a run is named
 * twice: `compare 1 1` is a run against itself). `ratioSign`: the terminal uses a plain "x"
 * (every font has it, scripts match it without Unicode); `text` makes user text (labels) safe
 * for where it goes, e.g. the terminal's quoting.
 */
export function comparisonRows(
  comparison: RunComparison,
  ratioSign = '×',
  text: (userText: string) => string = (t) => t,
): string[][] {
  const baselineRow = comparison.runs.findIndex((r) => r.runId === comparison.baselineId);
  return comparison.runs.map((r, i) => [
    `${r.runId}${i === baselineRow ? '*' : ''}`,
    text(r.label ?? ''),
    describeHow(r),
    String(r.items),
    formatDuration(r.wallMs),
    formatDuration(r.cpuMs),
    formatNumber(r.itemsPerSecond),
    formatNumber(r.megapixelsPerSecond),
    formatRatio(r.speedup, ratioSign),
    formatPercent(r.efficiency),
    formatDuration(r.p50Ms),
    formatDuration(r.p95Ms),
    formatBytes(r.peakRssBytes),
    sizeInOutText(r),
    savedText(r),
  ]);
}

/**
 * The comparison in one sentence: how the fastest run did against the baseline, in plain
 * words ("Run 5 (2w fast) got through its images 1.71× as fast as run 4 (1w fast), the
 * baseline."), or why there is nothing to say.
 */
export function comparisonVerdict(comparison: RunComparison): string {
  const base = comparison.runs.find((r) => r.runId === comparison.baselineId);
  const others = comparison.runs.filter((r) => r.runId !== comparison.baselineId);
  if (!base || others.length === 0)
    return `Only run ${comparison.baselineId}: nothing to compare it with.`;
  const kinds = new Set(comparison.runs.map((r) => r.kind));
  if (kinds.size > 1)
    return 'These runs are of different kinds (download and process): their speeds do not compare.';
  const rated = others.filter((r) => r.speedup !== null);
  if (rated.length === 0 && others.some((r) => !r.sameWorkAsBaseline))
    return 'These runs did not do the same work, so their speeds are not compared: see how they differ.';
  if (rated.length === 0) return `No speed is known for these runs: none of them finished an item.`;
  const best = rated.reduce((a, b) => (b.speedup! > a.speedup! ? b : a));
  const noun = base.kind === 'download' ? 'files' : 'images';
  const who = (r: RunMetrics) => `run ${r.runId} (${describeHow(r)})`;
  const s = best.speedup!;
  const how =
    Math.abs(s - 1) < 0.03
      ? 'about as fast as'
      : s > 1
        ? `${formatRatio(s)} as fast as`
        : `at ${formatPercent(s)} of the speed of`;
  const text = `${who(best)} got through its ${noun} ${how} ${who(base)}, the baseline.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A difference between runs as a note line: "Note: #8 is a download run …." with one full stop. */
export function differenceNote(text: string): string {
  return `Note: ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}
