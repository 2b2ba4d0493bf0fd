import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amdahlSpeedup, fitAmdahl } from '../../../src/shared/amdahl.js';
import { scalingSeries, scalingSummary } from '../../../src/shared/scaling-chart.js';
import type { SweepResult, SweepRunResult } from '../../../src/shared/sweep-result.js';

function processSweep(
  rates: Record<number, number>,
  status: SweepRunResult['status'] = 'completed',
): SweepResult {
  const runs: SweepRunResult[] = Object.entries(rates).map(([w, rate], i) => ({
    runId: 10 + i,
    workers: Number(w),
    threads: 1,
    concurrency: null,
    status: i === 0 ? 'completed' : status,
    wallMs: 1000,
    itemsPerSecond: rate,
    speedup: null,
    efficiency: null,
  }));
  return {
    sweepId: 1,
    kind: 'process',
    status: 'completed',
    sample: 12,
    runs,
    best: null,
    fit: fitAmdahl(
      runs
        .filter((r) => r.status === 'completed')
        .map((r) => ({ parallelism: r.workers!, rate: r.itemsPerSecond! })),
    ),
  };
}

test('measured points are speedups over the first combination', () => {
  const s = scalingSeries(processSweep({ 1: 4, 2: 7, 3: 7.2 }))!;
  assert.deepEqual(
    s.measured.map((p) => [p.x, Number(p.y.toFixed(3)), p.runId]),
    [
      [1, 1, 10],
      [2, 1.75, 11],
      [3, 1.8, 12],
    ],
  );
  assert.equal(s.logX, false);
  assert.equal(s.xLabel, 'workers');
});

test('the ideal line is y = x over the first parallelism, cut at the top of the chart', () => {
  const s = scalingSeries(processSweep({ 1: 4, 2: 7, 3: 7.2 }))!;
  for (const p of s.ideal) assert.ok(Math.abs(p.y - p.x) < 1e-9);
  const top = s.ideal[s.ideal.length - 1]!;
  // Measured at most 1.8×: the chart's top is 1.2 × that (or the fit's), and the ideal stops there.
  assert.ok(top.y <= s.yMax + 1e-9);
  assert.ok(Math.abs(top.x - Math.min(3, s.yMax)) < 1e-9, `${top.x} vs ${s.yMax}`);
});

test('the fitted curve follows the law with the fitted serial fraction, through the points', () => {
  const f = 0.3;
  const result = processSweep({ 1: 10, 2: 10 * amdahlSpeedup(f, 2), 4: 10 * amdahlSpeedup(f, 4) });
  const s = scalingSeries(result, 5)!;
  assert.equal(s.fitted.length, 5);
  assert.equal(s.fitted[0]!.x, 1);
  assert.equal(s.fitted[4]!.x, 4);
  for (const p of s.fitted)
    assert.ok(Math.abs(p.y - amdahlSpeedup(f, p.x)) < 0.01, `${p.x}: ${p.y}`);
});

test('downloads 1, 4, 16, 64 get a logarithmic axis, samples spaced evenly on it', () => {
  const runs: SweepRunResult[] = [1, 4, 16, 64].map((c, i) => ({
    runId: i + 1,
    workers: null,
    threads: null,
    concurrency: c,
    status: 'completed',
    wallMs: 1000,
    itemsPerSecond: 2 * c ** 0.8,
    speedup: null,
    efficiency: null,
  }));
  const result: SweepResult = {
    sweepId: 2,
    kind: 'download',
    status: 'completed',
    sample: 30,
    runs,
    best: null,
    fit: fitAmdahl(runs.map((r) => ({ parallelism: r.concurrency!, rate: r.itemsPerSecond! }))),
  };
  const s = scalingSeries(result, 4)!;
  assert.equal(s.logX, true);
  assert.deepEqual(
    s.fitted.map((p) => Math.round(p.x)),
    [1, 4, 16, 64],
  );
  assert.equal(s.xLabel, 'downloads at once');
  assert.match(scalingSummary(result), /64 at once: 27\.86×/);
});

test('no chart without a finished run; runs that did not complete are left out', () => {
  const none = processSweep({ 1: 4 });
  none.runs[0]!.status = 'cancelled';
  assert.equal(scalingSeries(none), null);
  const partial = scalingSeries(processSweep({ 1: 4, 2: 7 }, 'cancelled'))!;
  assert.equal(partial.measured.length, 1);
  assert.deepEqual(partial.fitted, []);
  assert.match(
    scalingSummary(processSweep({ 1: 4, 2: 8 })),
    /2 workers: 2\.00×.*Ideal at 2 workers: 2\.00×/,
  );
});
