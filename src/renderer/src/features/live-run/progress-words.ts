/**
 * The progress bar's words. While a process run's scan is still finding files the total only
 * grows, so it says "34 done · 66+ found so far" rather than a fraction that will be wrong.
 */
import { formatCount } from '../../../../shared/format-figures.js';
import type { LiveRun } from '../../common/run-tracker.js';

/** The text left of the bar. */
export function progressWords(
  run: Pick<LiveRun, 'finished' | 'totalFinal'>,
  counts: { total: number; done: number },
): { left: string } {
  if (run.finished && counts.total === 0) return { left: 'Nothing to do' };
  if (counts.total === 0) return { left: 'Finding files…' };
  if (!run.finished && !run.totalFinal)
    return {
      left: `${formatCount(counts.done)} done · ${formatCount(counts.total)}+ found so far`,
    };
  return { left: `${formatCount(counts.done)} of ${formatCount(counts.total)}` };
}
