import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortRuns } from '../../../src/renderer/src/features/history/history-sort.js';
import { runRecord } from './fixtures.js';

const runs = [
  runRecord({ id: 1, startedAt: '2025-01-01T00:00:00Z', bytesIn: 1000, bytesOut: 900, wallMs: 50 }),
  runRecord({
    id: 2,
    startedAt: '2025-01-03T00:00:00Z',
    bytesIn: 5000,
    bytesOut: 1000,
    wallMs: 10,
  }),
  runRecord({ id: 3, startedAt: '2025-01-02T00:00:00Z', bytesIn: 0, bytesOut: 0, wallMs: null }),
  runRecord({ id: 4, startedAt: '2025-01-04T00:00:00Z', bytesIn: 800, bytesOut: 1200, wallMs: 30 }),
];
const ids = (rs: { id: number }[]) => rs.map((r) => r.id);

test('History sorts by start, size, saving and wall time; runs without the figure go last', () => {
  assert.deepEqual(ids(sortRuns(runs, 'started', 'desc')), [4, 2, 3, 1]);
  assert.deepEqual(ids(sortRuns(runs, 'started', 'asc')), [1, 3, 2, 4]);
  assert.deepEqual(ids(sortRuns(runs, 'size', 'desc')), [2, 1, 4, 3]);
  assert.deepEqual(
    ids(sortRuns(runs, 'saved', 'desc')),
    [2, 1, 4, 3],
    'a run that grew saved least',
  );
  assert.deepEqual(ids(sortRuns(runs, 'saved', 'asc')), [4, 1, 2, 3]);
  assert.deepEqual(ids(sortRuns(runs, 'wall', 'asc')), [2, 4, 1, 3]);
  assert.deepEqual(ids(runs), [1, 2, 3, 4], 'the input is not reordered');
});
