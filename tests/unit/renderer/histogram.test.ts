import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogram } from '../../../src/renderer/src/features/compare/histogram.js';

test('runs of different sizes share bins and compare by share', () => {
  const bins = histogram(
    [
      { runId: 1, ms: [100, 110, 120, 130] },
      { runId: 2, ms: [200, 210] },
    ],
    10,
  );
  assert.ok(bins.length >= 2);
  const total = (id: number) => bins.reduce((s, b) => s + b.shares[id]!, 0);
  assert.ok(Math.abs(total(1) - 1) < 1e-9);
  assert.ok(Math.abs(total(2) - 1) < 1e-9);
  assert.equal(
    bins.reduce((s, b) => s + b.counts[1]!, 0),
    4,
  );
  // Round bin widths.
  const width = bins[0]!.toMs - bins[0]!.fromMs;
  assert.ok([1, 2, 2.5, 5, 10, 20, 25, 50].includes(width), `width ${width}`);
});

test('one very slow image goes into an open-ended last bin', () => {
  const ms = Array.from({ length: 1000 }, (_, i) => 100 + (i % 50));
  ms.push(60_000);
  const bins = histogram([{ runId: 1, ms }], 10);
  const last = bins[bins.length - 1]!;
  assert.ok(last.openEnded);
  assert.equal(last.counts[1], 1);
  assert.ok(bins.length <= 13);
});

test('no durations, no bins; one value, one bin', () => {
  assert.deepEqual(histogram([{ runId: 1, ms: [] }]), []);
  const one = histogram([{ runId: 1, ms: [42] }]);
  assert.equal(one.length, 1);
  assert.equal(one[0]!.shares[1], 1);
});
