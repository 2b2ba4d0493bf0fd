import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amdahlSpeedup, describeFit, fitAmdahl } from '../../../src/shared/amdahl.js';
import { pickEvenly } from '../../../src/shared/pick-evenly.js';

test("the fit recovers the serial fraction of rates that follow Amdahl's law", () => {
  for (const f of [0, 0.05, 0.2, 0.5, 0.9]) {
    const points = [1, 2, 4, 8].map((n) => ({ parallelism: n, rate: 10 * amdahlSpeedup(f, n) }));
    const fit = fitAmdahl(points)!;
    assert.ok(Math.abs(fit.serialFraction - f) < 0.001, `f=${f} fitted ${fit.serialFraction}`);
    assert.ok(Math.abs(fit.singleRate - 10) < 0.01);
    assert.ok(fit.rSquared > 0.999);
    assert.equal(fit.distinctPoints, 4);
  }
});

test('rates that fall as workers are added fit as all serial, and the words say it fits poorly', () => {
  const fit = fitAmdahl([
    { parallelism: 1, rate: 10 },
    { parallelism: 2, rate: 8 },
    { parallelism: 3, rate: 5 },
  ])!;
  assert.equal(fit.serialFraction, 1);
  assert.ok(fit.rSquared < 0.6);
  assert.match(describeFit(fit), /fits poorly/);
});

test('no fit from one parallelism value; two points fit exactly and say so', () => {
  assert.equal(fitAmdahl([{ parallelism: 2, rate: 5 }]), null);
  assert.equal(
    fitAmdahl([
      { parallelism: 2, rate: 5 },
      { parallelism: 2, rate: 6 },
    ]),
    null,
  );
  assert.match(describeFit(null), /at least two different/);
  const two = fitAmdahl([
    { parallelism: 1, rate: 10 },
    { parallelism: 2, rate: 16 },
  ])!;
  // 16/10 = 1/(f + (1-f)/2) → f = 0.25
  assert.ok(Math.abs(two.serialFraction - 0.25) < 0.001);
  assert.match(describeFit(two), /two points/);
});

test('rates that are not positive numbers are left out of the fit', () => {
  const fit = fitAmdahl([
    { parallelism: 1, rate: 10 },
    { parallelism: 2, rate: 20 },
    { parallelism: 4, rate: Number.NaN },
    { parallelism: 8, rate: 0 },
  ])!;
  assert.equal(fit.distinctPoints, 2);
  assert.ok(fit.serialFraction < 0.001);
});

test('a sample is spread evenly over the list, first included, order kept', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  assert.deepEqual(pickEvenly(items, 4), [0, 25, 50, 75]);
  assert.deepEqual(pickEvenly(items.slice(0, 3), 12), [0, 1, 2]);
  assert.deepEqual(pickEvenly(items, 0), []);
  const sample = pickEvenly(items, 12);
  assert.equal(new Set(sample).size, 12);
  assert.deepEqual(
    sample,
    [...sample].sort((a, b) => a - b),
  );
});
