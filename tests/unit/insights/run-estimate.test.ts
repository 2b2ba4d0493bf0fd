import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateRun } from '../../../src/shared/run-estimate.js';
import type { PastRun } from '../../../src/shared/run-estimate.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import type { ProcessSettings } from '../../../src/shared/settings.js';
import { runRecord } from '../renderer/fixtures.js';

const machine = { cpuModel: 'cpu', cores: 4 };

function past(
  id: number,
  wallMs: number,
  ok: number,
  megapixels: number | null,
  over: Partial<ProcessSettings> = {},
): PastRun {
  const process = { ...defaultProcessSettings(4), ...over };
  return {
    run: runRecord({
      id,
      wallMs,
      ok,
      total: ok,
      workers: process.workers,
      settings: { process, download: null },
    }),
    megapixels,
  };
}

const target = (
  over: Partial<ProcessSettings> = {},
  images = 100,
  megapixels: number | null = 200,
) => ({
  settings: { ...defaultProcessSettings(4), ...over },
  images,
  megapixels,
  machine,
});

test('same photos, same settings: the median of the runs, the range their spread widened', () => {
  const e = estimateRun(
    [past(1, 10_000, 100, 200), past(2, 12_000, 100, 200), past(3, 20_000, 100, 200)],
    target(),
  );
  assert.equal(e.reason, null);
  assert.equal(e.estimateMs, 12_000);
  assert.equal(e.lowMs, 8_000);
  assert.equal(e.highMs, 25_000);
  assert.equal(e.basedOnRuns, 3);
  assert.deepEqual(e.basedOnRunIds, [3, 2, 1]);
});

test('scaled by megapixels when both sides know them, else by images', () => {
  assert.equal(estimateRun([past(1, 10_000, 100, 100)], target({}, 100, 300)).estimateMs, 30_000);
  assert.equal(estimateRun([past(1, 10_000, 100, null)], target({}, 50, 300)).estimateMs, 5_000);
  assert.equal(estimateRun([past(1, 10_000, 100, 100)], target({}, 50, null)).estimateMs, 5_000);
});

test('runs with the same workers are preferred; others are scaled only as far as the cores go', () => {
  const one = past(1, 40_000, 100, 200, { workers: 1 });
  const four = past(2, 12_000, 100, 200, { workers: 4 });
  assert.deepEqual(estimateRun([one, four], target({ workers: 4 })).basedOnRunIds, [2]);
  // 1 worker → 2 workers on 4 cores: twice as fast at best.
  assert.equal(estimateRun([one], target({ workers: 2 })).estimateMs, 20_000);
  // 8 workers on 4 cores are no faster than 4.
  assert.equal(estimateRun([one], target({ workers: 8 })).estimateMs, 10_000);
});

test('only comparable runs count, and the reason names what is missing', () => {
  const fast = past(1, 10_000, 100, 200, {
    pipeline: 'fast',
    blur: 2,
    fit: { width: 100, height: 100 },
  });
  assert.match(
    estimateRun([fast], target({ pipeline: 'exact', blur: 2, fit: { width: 100, height: 100 } }))
      .reason!,
    /no past run with the exact pipeline on this machine: run `photobatch sweep` once/,
  );
  assert.match(
    estimateRun(
      [fast],
      target({ pipeline: 'fast', format: 'avif', blur: 2, fit: { width: 100, height: 100 } }),
    ).reason!,
    /writing avif/,
  );
  assert.match(
    estimateRun([fast], target({ pipeline: 'fast', blur: null, fit: null })).reason!,
    /no blur and no fit/,
  );
  const elsewhere = { ...fast, run: { ...fast.run, machine: { ...fast.run.machine, cores: 64 } } };
  assert.match(
    estimateRun(
      [elsewhere],
      target({ pipeline: 'fast', blur: 2, fit: { width: 100, height: 100 } }),
    ).reason!,
    /no finished process run on this machine/,
  );
  const cancelled = { ...fast, run: { ...fast.run, status: 'cancelled' as const } };
  assert.equal(
    estimateRun(
      [cancelled],
      target({ pipeline: 'fast', blur: 2, fit: { width: 100, height: 100 } }),
    ).estimateMs,
    null,
  );
  assert.match(estimateRun([fast], target({ pipeline: 'fast' }, 0)).reason!, /no images/);
});
