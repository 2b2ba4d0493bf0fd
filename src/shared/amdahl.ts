/**
 * Amdahl's law fitted to measured throughput: with a serial fraction f of the work, n-fold
 * parallelism runs at most 1 / (f + (1 − f) / n) times as fast as one. `sweep` fits f to the
 * rates it measured, so "where does another worker stop paying" has a number behind it.
 */

/** One measured combination: how much parallelism it had and what rate it reached. */
export interface ScalingPoint {
  parallelism: number;
  /** Items per second (any rate: only ratios matter). */
  rate: number;
}

/** The law's curve through the points, and how well it fits them. */
export interface AmdahlFit {
  /** f in [0, 1]: 0 is perfectly parallel work, 1 work that cannot be parallelised at all. */
  serialFraction: number;
  /** The rate the fitted curve gives at parallelism 1. */
  singleRate: number;
  /** Coefficient of determination of the fitted rates (1 is a perfect fit; may be negative). */
  rSquared: number;
  /** Distinct parallelism values measured: with two, any f fits them exactly. */
  distinctPoints: number;
}

/** The speedup Amdahl's law allows at parallelism `n` for serial fraction `f`. */
export function amdahlSpeedup(serialFraction: number, n: number): number {
  return 1 / (serialFraction + (1 - serialFraction) / n);
}

/**
 * Least-squares fit of f and the single rate to the points: for a given f the best single rate
 * has a closed form (the model is linear in it), so f is found by a coarse scan of [0, 1] then a
 * fine one around the best. Null with fewer than two distinct parallelism values or no rates.
 */
export function fitAmdahl(points: readonly ScalingPoint[]): AmdahlFit | null {
  const usable = points.filter(
    (p) =>
      Number.isFinite(p.rate) && p.rate > 0 && Number.isFinite(p.parallelism) && p.parallelism >= 1,
  );
  const distinctPoints = new Set(usable.map((p) => p.parallelism)).size;
  if (distinctPoints < 2) return null;
  const residual = (f: number) => {
    const g = usable.map((p) => amdahlSpeedup(f, p.parallelism));
    const singleRate =
      usable.reduce((sum, p, i) => sum + p.rate * g[i]!, 0) / g.reduce((sum, x) => sum + x * x, 0);
    const sse = usable.reduce((sum, p, i) => sum + (p.rate - singleRate * g[i]!) ** 2, 0);
    return { singleRate, sse };
  };
  let best = 0;
  let bestSse = Infinity;
  const scan = (from: number, to: number, step: number) => {
    for (let f = from; f <= to + 1e-12; f += step) {
      const x = Math.min(1, Math.max(0, f));
      const { sse } = residual(x);
      if (sse < bestSse) {
        bestSse = sse;
        best = x;
      }
    }
  };
  scan(0, 1, 0.01);
  scan(best - 0.01, best + 0.01, 0.0001);
  const { singleRate, sse } = residual(best);
  const mean = usable.reduce((sum, p) => sum + p.rate, 0) / usable.length;
  const sst = usable.reduce((sum, p) => sum + (p.rate - mean) ** 2, 0);
  return {
    serialFraction: Math.round(best * 10_000) / 10_000,
    singleRate,
    rSquared: sst > 0 ? 1 - sse / sst : 1,
    distinctPoints,
  };
}

/** One line on how well the law fits, for people: "fits well (R² 0.98)". */
export function describeFit(fit: AmdahlFit | null): string {
  if (!fit) return "Amdahl's law needs at least two different worker counts to fit";
  const f = `serial fraction ${(fit.serialFraction * 100).toFixed(1)}%`;
  if (fit.distinctPoints === 2) return `${f} (two points: any curve fits them exactly)`;
  const r2 = fit.rSquared.toFixed(2);
  const how =
    fit.rSquared >= 0.9 ? 'fits well' : fit.rSquared >= 0.6 ? 'fits roughly' : 'fits poorly';
  const hint =
    fit.rSquared < 0.6
      ? ': more workers than cores, or other programs, slowed some runs down beyond what the law models'
      : '';
  return `${f}; Amdahl's law ${how} (R² ${r2})${hint}`;
}
