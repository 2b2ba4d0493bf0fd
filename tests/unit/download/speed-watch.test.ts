import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpeedWatch, formatSpeed } from '../../../src/engine/download/speed-watch.js';

test('below the minimum for the whole window: too slow, with what arrived in it', () => {
  const watch = new SpeedWatch(1024, 10_000, 0);
  // One byte a second.
  for (let s = 1; s < 10; s++)
    assert.equal(watch.check(s * 1000, s), null, 'not a full window yet');
  assert.deepEqual(watch.check(10_000, 10), { bytes: 10, ms: 10_000 });
});

test('fast enough over the window, even after a pause shorter than it: not too slow', () => {
  const watch = new SpeedWatch(1024, 10_000, 0);
  let bytes = 0;
  for (let s = 1; s <= 30; s++) {
    // 20 KiB in one burst every 5 s: 4 KiB/s over any 10 s window.
    if (s % 5 === 0) bytes += 20 * 1024;
    assert.equal(watch.check(s * 1000, bytes), null, `at ${s} s`);
  }
});

test('a transfer that slows down is caught one window after it slowed', () => {
  const watch = new SpeedWatch(1024, 10_000, 0);
  let bytes = 0;
  let caughtAt: number | null = null;
  for (let s = 1; s <= 40 && caughtAt === null; s++) {
    bytes += s <= 20 ? 4096 : 100;
    if (watch.check(s * 1000, bytes)) caughtAt = s;
  }
  assert.ok(caughtAt !== null && caughtAt > 20 && caughtAt <= 30, `caught at ${caughtAt}`);
});

test('0 turns the check off; speeds read as people write them', () => {
  const watch = new SpeedWatch(0, 10_000, 0);
  assert.equal(watch.check(60_000, 0), null);
  assert.equal(formatSpeed(1024), '1 KiB/s');
  assert.equal(formatSpeed(500), '500 bytes/s');
  assert.equal(formatSpeed(2.5 * 1024 * 1024), '2.5 MiB/s');
});
