// One way to write each figure, for the CLI and the window alike: missing values never read as
// "0" or "NaN", unit steps are chosen after rounding, and huge values stay readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRate,
  formatRatio,
  MISSING,
} from '../../../src/shared/format-figures.js';

const notKnown = [null, undefined, Number.NaN, Infinity, -Infinity];

test('every formatter reads an unknown value as the dash, never 0 or NaN', () => {
  for (const v of notKnown) {
    for (const format of [
      formatBytes,
      formatClock,
      formatCount,
      formatDuration,
      formatNumber,
      formatPercent,
      formatRatio,
    ])
      assert.equal(format(v), MISSING, `${format.name}(${String(v)})`);
    assert.equal(formatRate(v, 'img'), MISSING);
  }
  assert.equal(formatDuration(-5), MISSING, 'a negative duration is a bug upstream, not a figure');
  assert.equal(formatBytes(-1), MISSING);
});

test('durations read in the unit that fits', () => {
  assert.equal(formatDuration(0), '0 ms');
  assert.equal(formatDuration(0.3), '<1 ms');
  assert.equal(formatDuration(412.4), '412 ms');
  assert.equal(formatDuration(1234), '1.23 s');
  assert.equal(formatDuration(12_345), '12.3 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
  assert.equal(formatDuration(3_725_000), '1 h 2 min');
});

test('a duration never shows a rounded value in the smaller unit', () => {
  assert.equal(formatDuration(999.6), '1.00 s', 'not "1000 ms"');
  assert.equal(formatDuration(9996), '10.0 s', 'not "10.00 s"');
  assert.equal(formatDuration(59_960), '1 min 0 s', 'not "60.0 s"');
  assert.equal(formatDuration(1e12), '277,777 h 46 min');
});

test('clock times for live counters', () => {
  assert.equal(formatClock(0), '0:00');
  assert.equal(formatClock(65_400), '1:05');
  assert.equal(formatClock(3_725_000), '1:02:05');
});

test('counts, numbers, rates, ratios and percentages', () => {
  assert.equal(formatCount(20000), '20,000');
  assert.equal(formatCount(-1234567.4), '-1,234,567');
  assert.equal(formatCount(-0.4), '0');
  assert.equal(formatCount(-0.4), '0');
  assert.equal(formatCount(1e15), '1,000,000,000,000,000');
  assert.equal(formatNumber(0), '0.00');
  assert.equal(formatNumber(0.4), '0.40');
  assert.equal(formatNumber(9.996), '10.0', 'not "10.00"');
  assert.equal(formatNumber(12.34, 'images/s'), '12.3 images/s');
  assert.equal(formatNumber(99.96), '100', 'not "100.0"');
  assert.equal(formatNumber(1234.4), '1,234');
  assert.equal(formatNumber(1e12), '1,000,000,000,000');
  assert.equal(formatRate(3.2, 'img'), '3.20 img/s');
  assert.equal(formatRatio(3.456), '3.46×');
  assert.equal(formatRatio(1, 'x'), '1.00x');
  assert.equal(formatPercent(0.873), '87%');
  assert.equal(formatPercent(0), '0%');
});

test('sizes in multiples of 1024 named KB, MB, GB, as --max-bytes reads them', () => {
  assert.equal(formatBytes(0), '0 bytes');
  assert.equal(formatBytes(1), '1 byte');
  assert.equal(formatBytes(1023), '1,023 bytes');
  assert.equal(formatBytes(1024), '1 KB');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(100_000), '97.7 KB');
  assert.equal(formatBytes(1024 ** 2), '1 MB');
  assert.equal(formatBytes(50 * 1024 ** 2), '50 MB');
  assert.equal(formatBytes(900e6), '858 MB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5 GB');
});

test('sizes never show 1024 of a unit, and the largest unit keeps growing', () => {
  assert.equal(formatBytes(1024 ** 2 - 1), '1 MB', 'not "1024 KB"');
  assert.equal(formatBytes(1023.4 * 1024), '1,023 KB');
  assert.equal(formatBytes(2 * 1024 ** 5), '2 PB');
  assert.equal(formatBytes(Number.MAX_SAFE_INTEGER), '8 PB');
  assert.equal(formatBytes(1e21), '888,178 PB');
});
