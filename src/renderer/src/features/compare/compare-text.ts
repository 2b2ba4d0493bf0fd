/**
 * The comparison in sentences: the tutorial's lesson (processes beat threads for CPU work, and
 * by how much) stated with the user's own numbers.
 */
import type { RunMetrics } from '../../../../shared/compare-runs.js';
import { formatPercent, formatRatio } from '../../../../shared/format-figures.js';

/** How a run is named in the comparison: "#12 Trip". */
export function runName(m: Pick<RunMetrics, 'runId' | 'label'>): string {
  return m.label ? `#${m.runId} ${m.label}` : `#${m.runId}`;
}

/** "8 workers", "1 worker"; downloads: "download only" or "download + 4 workers". */
export function parallelismText(m: Pick<RunMetrics, 'kind' | 'workers'>): string {
  const workers = `${m.workers} ${m.workers === 1 ? 'worker' : 'workers'}`;
  if (m.kind === 'download') return m.workers > 0 ? `download + ${workers}` : 'download only';
  return workers;
}

/** What was varied, as the headline says it: "4 workers", "16 downloads at once". */
export function parallelismNoun(m: Pick<RunMetrics, 'kind' | 'workers' | 'concurrency'>): string {
  if (m.kind === 'download' && m.concurrency !== null)
    return `${m.concurrency} ${m.concurrency === 1 ? 'download' : 'downloads'} at once`;
  return `${m.workers} ${m.workers === 1 ? 'worker' : 'workers'}`;
}

/**
 * The headline, a plain sentence per run against the baseline ("4 workers finished 3.20× sooner
 * than 1 worker"); none for the baseline itself or for runs that did other work than it (their
 * differences are said instead, see `RunComparison.differences`).
 */
export function speedupSentences(runs: readonly RunMetrics[], baselineId: number): string[] {
  const base = runs.find((r) => r.runId === baselineId);
  if (!base) return [];
  const out: string[] = [];
  for (const r of runs) {
    if (r.runId === baselineId || r.speedup === null || !r.sameWorkAsBaseline) continue;
    const faster = r.speedup >= 1;
    const factor = faster ? r.speedup : 1 / r.speedup;
    let s = `${runName(r)}: ${parallelismNoun(r)} ${faster ? 'finished' : 'took'} ${formatRatio(factor)} ${faster ? 'sooner than' : 'longer than'} ${parallelismNoun(base)} (${runName(base)})`;
    const ideal = base.workers > 0 ? r.workers / base.workers : 0;
    // Efficiency only reads well against fewer workers: "80% of the ideal 4×".
    if (r.efficiency !== null && ideal > 1 && r.kind === 'process' && base.kind === 'process') {
      s += `: ${formatPercent(r.efficiency)} of the ideal ${formatRatio(ideal)}`;
      if (r.efficiency < 0.6)
        s += ' — the workers waited on each other, the disk, or fewer free cores than expected';
    }
    out.push(`${s}.`);
  }
  // Starting worker processes costs a few hundred ms: on a tiny run that, not the photos, is measured.
  const shortest = Math.min(...runs.map((r) => r.wallMs ?? Infinity));
  if (out.length > 0 && shortest < 2000) {
    out.push(
      'These runs are short, so starting the workers weighs heavily; a folder with more or larger photos shows the parallel gain better.',
    );
  }
  return out;
}
