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

/** One sentence per run against the baseline; none for the baseline itself or runs without figures. */
export function speedupSentences(runs: readonly RunMetrics[], baselineId: number): string[] {
  const base = runs.find((r) => r.runId === baselineId);
  if (!base) return [];
  const out: string[] = [];
  for (const r of runs) {
    if (r.runId === baselineId || r.speedup === null) continue;
    const faster = r.speedup >= 1;
    const factor = faster ? r.speedup : 1 / r.speedup;
    let s = `${runName(r)} (${parallelismText(r)}) was ${formatRatio(factor)} ${faster ? 'faster' : 'slower'} per image than ${runName(base)} (${parallelismText(base)})`;
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
