/**
 * Per-image time distributions of several runs on shared bins, so that runs of different sizes
 * compare by share of images (percent), not by raw counts. The tail past the 99th percentile of
 * all runs goes into one last "≥" bin so that one slow image does not squash the rest.
 */
import { percentile } from '../../../../shared/run-figures.js';

/** One bin: [fromMs, toMs), with each run's share of its images in it (0–1). */
export interface HistogramBin {
  fromMs: number;
  toMs: number;
  /** True for the last bin when it gathers everything at or above `fromMs`. */
  openEnded: boolean;
  /** Keyed by run id. */
  shares: Record<number, number>;
  counts: Record<number, number>;
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
}

/** Bins the durations of each run; about `targetBins` bins of a round width. */
export function histogram(
  series: readonly { runId: number; ms: readonly number[] }[],
  targetBins = 20,
): HistogramBin[] {
  const all = series.flatMap((s) => s.ms);
  if (all.length === 0) return [];
  // A loop, not Math.min(...all): tens of thousands of arguments can overflow the stack.
  let min = Infinity;
  let max = -Infinity;
  for (const v of all) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const p99 = percentile(all, 99) ?? min;
  const step = niceStep(Math.max(p99 - min, 1) / targetBins);
  const start = Math.floor(min / step) * step;
  let binCount = Math.max(1, Math.floor((p99 - start) / step) + 1);
  const openEnded = max >= start + binCount * step;
  if (openEnded) binCount += 1;
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, i) => ({
    fromMs: start + i * step,
    toMs: start + (i + 1) * step,
    openEnded: openEnded && i === binCount - 1,
    shares: {},
    counts: {},
  }));
  for (const s of series) {
    for (const bin of bins) bin.counts[s.runId] = 0;
    for (const v of s.ms) {
      const i = Math.min(binCount - 1, Math.max(0, Math.floor((v - start) / step)));
      bins[i]!.counts[s.runId]! += 1;
    }
    for (const bin of bins)
      bin.shares[s.runId] = s.ms.length > 0 ? bin.counts[s.runId]! / s.ms.length : 0;
  }
  return bins;
}
