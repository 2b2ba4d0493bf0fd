import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  filterResultRows,
  resultRows,
  sortResultRows,
  visibleRows,
} from '../../../src/renderer/src/features/results/results-table.js';
import type { ItemRecord } from '../../../src/shared/records.js';
import { item } from './fixtures.js';

function done(seq: number, over: Partial<ItemRecord>): ItemRecord {
  return item({ runId: 1, seq, source: `/photos/trip/p${seq}.jpg`, status: 'ok', ...over });
}

const items = [
  done(0, { bytesIn: 1000, bytesOut: 900, startMs: 0, endMs: 50, output: '/o/p0.jpg' }),
  done(1, { bytesIn: 5000, bytesOut: 1000, startMs: 0, endMs: 400, output: '/o/p1.jpg' }),
  done(2, {
    status: 'failed',
    error: 'damaged',
    bytesIn: 300,
    bytesOut: null,
    output: null,
    startMs: null,
    endMs: null,
  }),
  done(3, { bytesIn: 800, bytesOut: 1200, startMs: 10, endMs: 30, output: '/o/p3.jpg' }),
  done(4, {
    status: 'skipped',
    source: '/photos/trip/readme.txt',
    bytesIn: 10,
    bytesOut: null,
    startMs: null,
    endMs: null,
  }),
];
const seqs = (rows: { seq: number }[]) => rows.map((r) => r.seq);

test('rows carry the saving through the shared size maths, and the time in the worker', () => {
  const rows = resultRows(items);
  assert.equal(rows[1]!.savedBytes, 4000);
  assert.equal(rows[1]!.percent, -80);
  assert.equal(rows[1]!.ms, 400);
  assert.equal(rows[1]!.name, 'p1.jpg');
  assert.equal(rows[2]!.savedBytes, null, 'a failed item saved nothing');
  assert.equal(rows[2]!.hasOutput, false);
  assert.equal(rows[3]!.savedBytes, -400);
});

test('sorts: largest saving, slowest, failed first, by name; unknowns go last', () => {
  const rows = resultRows(items);
  assert.deepEqual(seqs(sortResultRows(rows, 'saving')), [1, 0, 3, 2, 4]);
  assert.deepEqual(seqs(sortResultRows(rows, 'slowest')), [1, 0, 3, 2, 4]);
  assert.deepEqual(seqs(sortResultRows(rows, 'failed')), [2, 4, 0, 1, 3]);
  assert.deepEqual(seqs(sortResultRows(rows, 'largest')), [1, 0, 3, 2, 4]);
  assert.deepEqual(seqs(sortResultRows(rows, 'name')), [0, 1, 2, 3, 4]);
  assert.deepEqual(seqs(rows), [0, 1, 2, 3, 4], 'the rows themselves are not reordered');
});

test('filters: by outcome, outputs that grew, and words of the path', () => {
  const rows = resultRows(items);
  assert.deepEqual(seqs(filterResultRows(rows, { show: 'failed', text: '' })), [2]);
  assert.deepEqual(seqs(filterResultRows(rows, { show: 'grew', text: '' })), [3]);
  assert.deepEqual(seqs(filterResultRows(rows, { show: 'all', text: 'README' })), [4]);
  assert.deepEqual(seqs(filterResultRows(rows, { show: 'ok', text: 'trip p1' })), [1]);
  assert.deepEqual(seqs(visibleRows(rows, 'saving', { show: 'ok', text: '' })), [1, 0, 3]);
});
