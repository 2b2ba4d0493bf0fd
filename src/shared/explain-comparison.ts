/**
 * Why runs' speeds differ, in plain words, from their own figures: contention (each image took
 * more CPU with more workers: they shared the cores) and idle workers (CPU busy well below what
 * the workers could have used: they waited for work, the disk or the start-up). Said for each run
 * against the baseline of a comparison of process runs; the window's Compare and `compare` print it.
 */
import type { RunComparison, RunMetrics } from './compare-runs.js';
import { formatDuration, formatPercent } from './format-figures.js';

/** A rise in CPU per image below this is run-to-run noise on these machines. */
const CONTENTION_RISE = 1.15;
/** Workers busy less than this share of the run's wall time were waiting. */
const IDLE_BELOW = 0.7;

function cpuPerItem(r: RunMetrics): number | null {
  const finished = r.items + r.failed;
  return r.cpuMs !== null && finished > 0 ? r.cpuMs / finished : null;
}

/** CPU time over what `workers` processes could have used in the wall time. */
function busyShare(r: RunMetrics): number | null {
  return r.cpuMs !== null && r.wallMs !== null && r.wallMs > 0 && r.workers > 0
    ? r.cpuMs / (r.wallMs * r.workers)
    : null;
}

const workersText = (n: number) => `${n} worker${n === 1 ? '' : 's'}`;

/** One sentence per finding, in the order of the runs; empty when nothing stands out. */
export function explainComparison(comparison: RunComparison): string[] {
  const base = comparison.runs.find((r) => r.runId === comparison.baselineId);
  if (!base || base.kind !== 'process') return [];
  const lines: string[] = [];
  for (const r of comparison.runs) {
    if (r.kind !== 'process') continue;
    const baseCpu = cpuPerItem(base);
    const cpu = cpuPerItem(r);
    if (r !== base && r.workers > base.workers && baseCpu !== null && cpu !== null) {
      if (cpu > baseCpu * CONTENTION_RISE) {
        const p50 =
          r.p50Ms !== null && base.p50Ms !== null && r.p50Ms > base.p50Ms
            ? ` and the median image took ${formatDuration(r.p50Ms)} instead of ${formatDuration(base.p50Ms)}`
            : '';
        lines.push(
          `Run ${r.runId}: each image needed ${formatDuration(cpu)} of CPU with ${workersText(r.workers)} ` +
            `against ${formatDuration(baseCpu)} with ${workersText(base.workers)}${p50}: the workers ` +
            `shared the cores (and the memory and disk), so each image got slower even though more ran at once.`,
        );
      }
    }
    const busy = busyShare(r);
    if (busy !== null && busy < IDLE_BELOW && r.workers > 1) {
      lines.push(
        `Run ${r.runId}: its ${workersText(r.workers)} were busy ${formatPercent(busy)} of the time: ` +
          `they waited — for the start-up, for the scan to find work, or for the disk — more than they computed.`,
      );
    }
  }
  return lines;
}
