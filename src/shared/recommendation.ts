/**
 * What the last sweep on this machine recommends, and how the window says it: "Recommended for
 * this computer: 2 workers (measured 1.71× of 1 worker; a 3rd adds nothing on 2 cores)".
 */
import { formatRatio } from './format-figures.js';

/** The fastest worker count a sweep measured here, with what backs it. */
export interface WorkerRecommendation {
  sweepId: number;
  workers: number;
  threads: number;
  /** Its speed over the 1-worker combination's, when the sweep ran one. */
  speedupOverOne: number | null;
  /** One more worker than recommended, if the sweep ran it: its speed over the recommended one's. */
  nextSpeedup: number | null;
  cores: number;
}

/** Below this, one more worker "adds nothing": within the run-to-run noise of these machines. */
const NOTHING_GAINED = 1.03;

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** The sentence under the Workers field. */
export function recommendationText(r: WorkerRecommendation): string {
  const notes: string[] = [];
  if (r.speedupOverOne !== null && r.workers !== 1)
    notes.push(`measured ${formatRatio(r.speedupOverOne)} of 1 worker`);
  if (r.nextSpeedup !== null && r.nextSpeedup < NOTHING_GAINED) {
    notes.push(
      `a ${ordinal(r.workers + 1)} adds nothing on ${r.cores} core${r.cores === 1 ? '' : 's'}`,
    );
  }
  const what = `${r.workers} worker${r.workers === 1 ? '' : 's'}`;
  return `Recommended for this computer: ${what}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
