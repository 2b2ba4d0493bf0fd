/**
 * How History orders its runs: by start (newest first, as stored), size, saving or wall time,
 * either way. Pure, so it can be tested without a window.
 */
import type { RunRecord } from '../../../../shared/records.js';
import { sizeChange } from '../../../../shared/savings.js';

/** What History can sort by. */
export const HISTORY_SORT_KEYS = ['started', 'size', 'saved', 'wall'] as const;
/** What History can sort by. */
export type HistorySortKey = (typeof HISTORY_SORT_KEYS)[number];
/** Which way: `desc` puts the largest (or newest) first. */
export type SortDirection = 'asc' | 'desc';

/** The value a run sorts by, or null when it has none (such runs always go last). */
function sortValue(run: RunRecord, key: HistorySortKey): number | null {
  switch (key) {
    case 'started':
      return Date.parse(run.startedAt) || 0;
    case 'size':
      return run.bytesIn > 0 ? run.bytesIn : null;
    case 'saved':
      return run.bytesIn > 0 ? sizeChange(run.bytesIn, run.bytesOut).savedBytes : null;
    case 'wall':
      return run.wallMs;
  }
}

/** A sorted copy of `runs`; ties keep the newest first; runs without the figure come last. */
export function sortRuns(
  runs: readonly RunRecord[],
  key: HistorySortKey,
  direction: SortDirection,
): RunRecord[] {
  const sign = direction === 'asc' ? 1 : -1;
  return runs
    .map((run) => ({ run, value: sortValue(run, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) return (a.value - b.value) * sign;
      return b.run.id - a.run.id;
    })
    .map((x) => x.run);
}
