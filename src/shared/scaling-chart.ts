/**
 * The maths of Tune's scaling chart, apart from any drawing: the measured speedups against
 * parallelism (workers, or downloads at once), the ideal line (twice the parallelism, twice the
 * speed) and the curve of Amdahl's law fitted to the points, all relative to the sweep's first
 * combination, plus the axes' extent and a text summary that says the same for screen readers.
 */
import { amdahlSpeedup, describeFit } from './amdahl.js';
import { formatRatio } from './format-figures.js';
import { parallelismOf } from './sweep-result.js';
import type { SweepResult } from './sweep-result.js';

/** A point of a line: x is parallelism, y is speedup over the first combination. */
export interface ChartPoint {
  x: number;
  y: number;
}

/** Everything a scaling chart draws. */
export interface ScalingSeries {
  kind: SweepResult['kind'];
  /** What x counts, for the axis: "workers" or "downloads at once". */
  xLabel: string;
  measured: (ChartPoint & { runId: number })[];
  /** The ideal line, cut where it leaves the chart (the top is set by what was measured). */
  ideal: ChartPoint[];
  /** The fitted law's curve; empty when there is no fit (fewer than two parallelism values). */
  fitted: ChartPoint[];
  xMin: number;
  xMax: number;
  yMax: number;
  /** True when x spans a factor of 8 or more (1, 4, 16, 64): the axis is then logarithmic. */
  logX: boolean;
}

/** Headroom above the highest measured or fitted speedup. */
const HEADROOM = 1.2;

/** Positions along x, evenly spaced on the axis's own scale (linear or logarithmic). */
function along(xMin: number, xMax: number, logX: boolean, samples: number): number[] {
  return Array.from({ length: samples }, (_, i) => {
    const t = samples === 1 ? 0 : i / (samples - 1);
    return logX ? xMin * (xMax / xMin) ** t : xMin + (xMax - xMin) * t;
  });
}

/** The chart's lines for a sweep's completed runs; null when no run has a rate. */
export function scalingSeries(result: SweepResult, samples = 32): ScalingSeries | null {
  const done = result.runs.filter(
    (r) => r.status === 'completed' && r.itemsPerSecond !== null && r.itemsPerSecond > 0,
  );
  const first = done[0];
  if (!first) return null;
  const baseRate = first.itemsPerSecond!;
  const base = parallelismOf(first);
  const measured = done.map((r) => ({
    x: parallelismOf(r),
    y: r.itemsPerSecond! / baseRate,
    runId: r.runId,
  }));
  const xs = measured.map((p) => p.x);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const logX = xMax / xMin >= 8;
  const fit = result.fit;
  const fitted = fit
    ? along(xMin, xMax, logX, samples).map((x) => ({
        x,
        y: (fit.singleRate * amdahlSpeedup(fit.serialFraction, x)) / baseRate,
      }))
    : [];
  const yMax = Math.max(1, ...measured.map((p) => p.y), ...fitted.map((p) => p.y)) * HEADROOM;
  // The ideal y = x / base, up to where it crosses the top of the chart.
  const idealEnd = Math.min(xMax, yMax * base);
  const ideal = along(xMin, idealEnd, logX, samples).map((x) => ({ x, y: x / base }));
  return {
    kind: result.kind,
    xLabel: result.kind === 'download' ? 'downloads at once' : 'workers',
    measured,
    ideal,
    fitted,
    xMin,
    xMax,
    yMax,
    logX,
  };
}

/** The chart in words: each point's speedup, the ideal at the far end, and the fit. */
export function scalingSummary(result: SweepResult): string {
  const series = scalingSeries(result);
  if (!series) return 'No combination of this sweep finished, so there is nothing to chart.';
  const unit = (x: number) =>
    series.kind === 'download' ? `${x} at once` : `${x} worker${x === 1 ? '' : 's'}`;
  const points = series.measured.map((p) => `${unit(p.x)}: ${formatRatio(p.y)}`).join('; ');
  const last = series.measured[series.measured.length - 1]!;
  const base = series.measured[0]!.x;
  const fit = describeFit(result.fit);
  return (
    `Speedup over ${unit(base)} — ${points}. ` +
    `Ideal at ${unit(last.x)}: ${formatRatio(last.x / base)}. ` +
    `${fit.charAt(0).toUpperCase()}${fit.slice(1)}.`
  );
}
