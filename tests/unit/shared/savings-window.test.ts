import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bytesSaved,
  formatChangePercent,
  formatSizeChange,
  grewLarger,
  savingPercent,
  sizeChange,
  totalSizeChange,
} from '../../../src/shared/savings.js';

test('sizeChange: a smaller output is a negative percent and positive bytes saved', () => {
  const change = sizeChange(1000, 230);
  assert.deepEqual(change, { bytesIn: 1000, bytesOut: 230, savedBytes: 770, percent: -77 });
  assert.equal(bytesSaved(1000, 230), 770);
  assert.equal(savingPercent(1000, 230), -77);
});

test('sizeChange: a larger output is a positive percent, negative saving, and flagged', () => {
  assert.equal(savingPercent(100, 150), 50);
  assert.equal(bytesSaved(100, 150), -50);
  assert.equal(grewLarger(100, 150), true);
  assert.equal(grewLarger(150, 100), false);
  assert.equal(grewLarger(null, 100), false);
});

test('sizeChange: nothing in has no percent', () => {
  assert.equal(sizeChange(0, 10).percent, null);
  assert.equal(formatChangePercent(null), '—');
});

test('totalSizeChange leaves out items without both sizes', () => {
  const total = totalSizeChange([
    { bytesIn: 600, bytesOut: 100 },
    { bytesIn: 400, bytesOut: 130 },
    { bytesIn: 5000, bytesOut: null },
  ]);
  assert.deepEqual(total, { bytesIn: 1000, bytesOut: 230, savedBytes: 770, percent: -77 });
  assert.equal(totalSizeChange([{ bytesIn: 5, bytesOut: null }]), null);
});

test('formatSizeChange reads like the done banner', () => {
  const mb = 1024 * 1024;
  assert.equal(formatSizeChange(sizeChange(9.2 * mb, 2.1 * mb)), '9.2 MB → 2.1 MB (−77%)');
  assert.equal(formatChangePercent(12.4), '+12%');
  assert.equal(formatChangePercent(-0.3), '0%');
});
