import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareRuns } from '../../../src/shared/compare-runs.js';
import { explainComparison } from '../../../src/shared/explain-comparison.js';
import { downloadRun, item, runRecord } from '../renderer/fixtures.js';

const items = (runId: number, n: number, ms: number) =>
  Array.from({ length: n }, (_, seq) => item({ runId, seq, startMs: 0, endMs: ms }));

test('more CPU per image with more workers is explained as shared cores, the p50 rise with it', () => {
  const one = runRecord({ id: 1, workers: 1, wallMs: 10_000, cpuMs: 10_000 });
  const two = runRecord({ id: 2, workers: 2, wallMs: 6_000, cpuMs: 12_000 });
  const lines = explainComparison(
    compareRuns([
      { run: one, items: items(1, 100, 150) },
      { run: two, items: items(2, 100, 177) },
    ]),
  );
  assert.deepEqual(lines, [
    'Run 2: each image needed 120 ms of CPU with 2 workers against 100 ms with 1 worker and the ' +
      'median image took 177 ms instead of 150 ms: the workers shared the cores (and the memory and ' +
      'disk), so each image got slower even though more ran at once.',
  ]);
});

test('workers busy well below their capacity are said to have waited', () => {
  const one = runRecord({ id: 1, workers: 1, wallMs: 10_000, cpuMs: 9_000 });
  const four = runRecord({ id: 2, workers: 4, wallMs: 5_000, cpuMs: 9_000 });
  const lines = explainComparison(
    compareRuns([
      { run: one, items: items(1, 100, 90) },
      { run: four, items: items(2, 100, 90) },
    ]),
  );
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^Run 2: its 4 workers were busy 45% of the time: they waited/);
});

test('nothing to explain for alike runs, or when the baseline is a download', () => {
  const a = runRecord({ id: 1, workers: 2, wallMs: 5_000, cpuMs: 9_500 });
  const b = runRecord({ id: 2, workers: 2, wallMs: 5_100, cpuMs: 9_600 });
  assert.deepEqual(
    explainComparison(
      compareRuns([
        { run: a, items: items(1, 100, 90) },
        { run: b, items: items(2, 100, 90) },
      ]),
    ),
    [],
  );
  assert.deepEqual(
    explainComparison(
      compareRuns([
        { run: downloadRun({ id: 3 }), items: [] },
        { run: b, items: [] },
      ]),
    ),
    [],
  );
});
