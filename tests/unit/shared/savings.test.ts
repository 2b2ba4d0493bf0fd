import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatSizePercent,
  savedText,
  sizeChange,
  sizeChangeText,
  sizeInOutText,
  sizeTotals,
} from '../../../src/shared/savings.js';

test('sizeChange: a smaller output saves bytes and reads as a negative percentage', () => {
  const c = sizeChange(1000, 230);
  assert.equal(c.savedBytes, 770);
  assert.equal(c.percent, -77);
  assert.equal(c.bytesIn, 1000);
  assert.equal(c.bytesOut, 230);
});

test('sizeChange: a larger output saves negative bytes and a positive percentage', () => {
  const c = sizeChange(1000, 1120);
  assert.equal(c.savedBytes, -120);
  assert.ok(Math.abs(c.percent! - 12) < 1e-9);
});

test('sizeChange: no ratio from an empty input, and bad sizes are refused', () => {
  assert.equal(sizeChange(0, 10).percent, null);
  assert.equal(sizeChange(5, 5).percent, 0);
  assert.throws(() => sizeChange(-1, 2), /Expected a size of zero or more bytes for bytesIn/);
  assert.throws(() => sizeChange(1, Number.NaN), /for bytesOut/);
});

test('sizeTotals counts only ok items with both sizes known', () => {
  const totals = sizeTotals([
    { status: 'ok', bytesIn: 100, bytesOut: 40 },
    { status: 'ok', bytesIn: 50, bytesOut: 20 },
    { status: 'failed', bytesIn: 999, bytesOut: null },
    { status: 'ok', bytesIn: 70, bytesOut: null }, // a download-only item
    { status: 'skipped', bytesIn: 3, bytesOut: 1 },
  ]);
  assert.deepEqual(totals, { bytesIn: 150, bytesOut: 60 });
});

test('texts: arrows, a proper minus sign, growth said as growth, and "—" for nothing', () => {
  assert.equal(formatSizePercent(-76.6), '−77%');
  assert.equal(formatSizePercent(12.2), '+12%');
  assert.equal(formatSizePercent(0.2), '0%');
  assert.equal(formatSizePercent(null), null);
  const run = { bytesIn: 9.2 * 1024 * 1024, bytesOut: 2.1 * 1024 * 1024 };
  assert.equal(sizeChangeText(run), '9.2 MB → 2.1 MB (−77%)');
  assert.equal(sizeInOutText(run), '9.2 MB → 2.1 MB');
  assert.equal(savedText(run), '7.1 MB (−77%)');
  assert.equal(savedText({ bytesIn: 1000, bytesOut: 1500 }), 'grew 500 bytes (+50%)');
  assert.equal(sizeChangeText({ bytesIn: 0, bytesOut: 0 }), '—');
  assert.equal(savedText({ bytesIn: 0, bytesOut: 0 }), '—');
});
