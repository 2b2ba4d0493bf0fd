import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseName,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRatio,
  plural,
} from '../../../src/renderer/src/common/format.js';

test('durations read in the unit that fits', () => {
  assert.equal(formatDuration(null), '—');
  assert.equal(formatDuration(-5), '—');
  assert.equal(formatDuration(0), '0 ms');
  assert.equal(formatDuration(0.3), '<1 ms');
  assert.equal(formatDuration(412.4), '412 ms');
  assert.equal(formatDuration(1234), '1.23 s');
  assert.equal(formatDuration(12_345), '12.3 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
  assert.equal(formatDuration(3_725_000), '1 h 2 min');
});

test('clock times for live counters', () => {
  assert.equal(formatClock(0), '0:00');
  assert.equal(formatClock(65_400), '1:05');
  assert.equal(formatClock(3_725_000), '1:02:05');
  assert.equal(formatClock(null), '—');
});

test('counts, rates, ratios and percentages', () => {
  assert.equal(formatCount(20000), '20,000');
  assert.equal(plural(1, 'image'), '1 image');
  assert.equal(plural(2000, 'image'), '2,000 images');
  assert.equal(formatNumber(0.4), '0.40');
  assert.equal(formatNumber(12.34, 'images/s'), '12.3 images/s');
  assert.equal(formatNumber(1234.4), '1,234');
  assert.equal(formatNumber(Number.NaN), '—');
  assert.equal(formatRatio(3.456), '3.46×');
  assert.equal(formatPercent(0.873), '87%');
  assert.equal(formatPercent(null), '—');
});

test('sizes in KB, MB, GB', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(900e6), '858 MB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GB');
  assert.equal(formatBytes(null), '—');
});

test('base names of paths and URLs', () => {
  assert.equal(baseName('/photos/Trip/a.jpg'), 'a.jpg');
  assert.equal(baseName('C:\\photos\\b.png'), 'b.png');
  assert.equal(baseName('/photos/Trip/'), 'Trip');
  assert.equal(
    baseName('https://images.example/photo-1542281286-9e0a16bb7366?w=1080'),
    'photo-1542281286-9e0a16bb7366',
  );
  assert.equal(baseName('a.jpg'), 'a.jpg');
});

test('dates leave out the year when it is this one', async () => {
  const { formatDateTime } = await import('../../../src/renderer/src/common/format.js');
  const now = new Date('2025-06-01T12:00:00Z');
  assert.doesNotMatch(formatDateTime('2025-01-02T10:00:00Z', 'en-US', now), /2025/);
  assert.match(formatDateTime('2024-01-02T10:00:00Z', 'en-US', now), /2024/);
  assert.equal(formatDateTime('not a date'), 'not a date');
});
