// One meaning for each run figure: images/s counts items finished (ok or failed) per second of
// wall time, skipped ones cost nothing; the live figure and the finished one agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  busyShare,
  efficiency,
  finishedItems,
  itemDurationMs,
  itemsPerSecond,
  liveProgressFigures,
  megapixelsPerSecond,
  msPerItem,
  okItemDurations,
  percentile,
  runParallelism,
  speedup,
} from '../../../src/shared/run-figures.js';
import { downloadRun, item, runRecord } from '../renderer/fixtures.js';

test('images/s counts ok and failed items over wall time, never skipped ones', () => {
  assert.equal(finishedItems({ ok: 7, failed: 3 }), 10);
  assert.equal(itemsPerSecond({ ok: 7, failed: 3 }, 5000), 2);
  // Skipped items are in the record but not in the rate.
  assert.equal(itemsPerSecond(runRecord({ ok: 7, failed: 3, skipped: 90, wallMs: 5000 }), 5000), 2);
  assert.equal(msPerItem({ ok: 7, failed: 3 }, 5000), 500);
});

test('no wall time, no rate: 0, null, negative and not-finite wall times give null', () => {
  for (const wall of [0, null, -1, Number.NaN, Infinity]) {
    assert.equal(itemsPerSecond({ ok: 5, failed: 0 }, wall), null, String(wall));
    assert.equal(msPerItem({ ok: 5, failed: 0 }, wall), null, String(wall));
  }
  assert.equal(itemsPerSecond({ ok: 0, failed: 0 }, 1000), 0, 'a run that did nothing did 0/s');
  assert.equal(msPerItem({ ok: 0, failed: 0 }, 1000), null, 'no item, no time per item');
});

test('huge runs stay exact enough', () => {
  const rate = itemsPerSecond({ ok: 10_000_000_000, failed: 0 }, 1e9);
  assert.equal(rate, 10_000);
  assert.equal(itemsPerSecond({ ok: 1, failed: 0 }, Number.MAX_SAFE_INTEGER)! > 0, true);
});

test('the live figure is the finished figure over the time so far, and the ETA follows it', () => {
  const counts = { total: 100, ok: 30, failed: 10, skipped: 10 };
  const live = liveProgressFigures(counts, 10_000);
  assert.equal(live.itemsPerSecond, itemsPerSecond(counts, 10_000));
  assert.equal(live.itemsPerSecond, 4);
  assert.equal(live.etaMs, 12_500, '50 items left at 4/s');
  assert.deepEqual(liveProgressFigures(counts, 0), { itemsPerSecond: 0, etaMs: null });
  assert.deepEqual(liveProgressFigures({ total: 5, ok: 0, failed: 0, skipped: 5 }, 800), {
    itemsPerSecond: 0,
    etaMs: null,
  });
});

test('speedup is the ratio of rates; efficiency divides it by the ratio of parallelism', () => {
  assert.equal(speedup(4, 1), 4);
  assert.equal(speedup(1, 4), 0.25);
  assert.equal(speedup(null, 1), null);
  assert.equal(speedup(2, 0), null, 'a baseline that did nothing is no baseline');
  assert.equal(speedup(0, 2), null);
  assert.equal(efficiency(3.2, 4, 1), 0.8);
  assert.equal(efficiency(null, 4, 1), null);
  assert.equal(efficiency(2, 0, 1), null);
});

test('parallelism is workers for a process run, concurrency for a download run', () => {
  assert.equal(runParallelism(runRecord({ workers: 6 })), 6);
  assert.equal(runParallelism(downloadRun({ workers: 2 })), 8);
  assert.equal(runParallelism(downloadRun({ settings: { process: null, download: null } })), 1);
});

test('percentiles by nearest rank, ignoring values that are not numbers', () => {
  const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
  assert.equal(percentile(values, 50), 5);
  assert.equal(percentile(values, 95), 10);
  assert.equal(percentile(values, 0), 1);
  assert.equal(percentile(values, 100), 10);
  assert.equal(percentile(values, 250), 10);
  assert.equal(percentile([], 50), null);
  assert.equal(percentile([Number.NaN, 3], 50), 3);
});

test('p50/p95 are over ok items only: a failure may take no time or the whole timeout', () => {
  const items = [
    item({ startMs: 0, endMs: 100 }),
    item({ startMs: 0, endMs: 300 }),
    item({ status: 'failed', startMs: 0, endMs: 300_000 }),
    item({ status: 'skipped', startMs: null, endMs: null }),
  ];
  assert.deepEqual(okItemDurations(items), [100, 300]);
  assert.equal(
    itemDurationMs(
      item({
        startMs: null,
        endMs: null,
        download: {
          savedPath: null,
          finalUrl: null,
          httpStatus: 200,
          attempts: 1,
          bytes: 10,
          queuedMs: 0,
          startMs: 10,
          firstByteMs: 20,
          endMs: 70,
        },
      }),
    ),
    60,
    'a download-only item is timed by its download',
  );
});

test('megapixels per second count finished items of known size', () => {
  const items = [
    item({ widthIn: 4000, heightIn: 3000 }),
    item({ status: 'failed', widthIn: null, heightIn: null }),
    item({ status: 'skipped', widthIn: 4000, heightIn: 3000 }),
  ];
  assert.equal(megapixelsPerSecond(items, 2000), 6);
  assert.equal(megapixelsPerSecond(items, 0), null);
});

test('busy share is busy time over what the lanes could have done', () => {
  assert.equal(busyShare(750, 1000), 0.75);
  assert.equal(busyShare(0, 0), null);
});
