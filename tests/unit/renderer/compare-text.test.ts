import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../../src/shared/compare-runs.js';
import {
  speedupSentences,
  runName,
} from '../../../src/renderer/src/features/compare/compare-text.js';
import { item, runRecord } from './fixtures.js';

// Ten 4000x3000 images: 1 worker takes 10 s; 4 workers take 3.125 s.
function pair(baseline = 1) {
  const items = (runId: number) =>
    Array.from({ length: 10 }, () => item({ runId, startMs: 0, endMs: 1000 }));
  return compareRuns(
    [
      { run: runRecord({ id: 1, workers: 1, wallMs: 10_000, label: 'Trip' }), items: items(1) },
      { run: runRecord({ id: 2, workers: 4, wallMs: 3_125, label: 'Trip' }), items: items(2) },
    ],
    baseline,
  );
}

test('compare maths the window shows: speedup, efficiency, MP/s, percentiles', () => {
  const c = pair();
  const [one, four] = c.runs;
  assert.equal(one!.speedup, 1);
  assert.equal(four!.speedup, 3.2);
  assert.equal(four!.efficiency, 0.8);
  assert.equal(one!.itemsPerSecond, 1);
  assert.equal(one!.megapixelsPerSecond, 12);
  assert.equal(four!.p50Ms, 1000);
  assert.equal(c.timelines[1]!.lanes, 1);
});

test('the lesson in a sentence, with the ideal it is measured against', () => {
  const c = pair();
  const [sentence] = speedupSentences(c.runs, c.baselineId);
  assert.equal(
    sentence,
    '#2 Trip (4 workers) was 3.20× faster per image than #1 Trip (1 worker): 80% of the ideal 4.00×.',
  );
  assert.deepEqual(speedupSentences(c.runs, 99), []);
  assert.equal(runName({ runId: 5, label: null }), '#5');
});

test('a slower run says slower, and poor efficiency gets a reason', () => {
  const flipped = pair(2);
  const [slower] = speedupSentences(flipped.runs, 2);
  assert.equal(slower, '#1 Trip (1 worker) was 3.20× slower per image than #2 Trip (4 workers).');
  const c = pair();
  const poor = c.runs.map((r) => (r.runId === 2 ? { ...r, speedup: 1.5, efficiency: 0.375 } : r));
  assert.match(speedupSentences(poor, 1)[0]!, /waited on each other/);
});

test('short runs carry a note that worker start-up dominates them', () => {
  const items = (runId: number) =>
    Array.from({ length: 4 }, () => item({ runId, startMs: 0, endMs: 50 }));
  const c = compareRuns(
    [
      { run: runRecord({ id: 1, workers: 1, wallMs: 900 }), items: items(1) },
      { run: runRecord({ id: 2, workers: 2, wallMs: 800 }), items: items(2) },
    ],
    1,
  );
  const sentences = speedupSentences(c.runs, 1);
  assert.equal(sentences.length, 2);
  assert.match(sentences[1]!, /starting the workers weighs heavily/);
});

test('download runs are named by what they did, never "0 workers"', async () => {
  const { parallelismText } =
    await import('../../../src/renderer/src/features/compare/compare-text.js');
  assert.equal(parallelismText({ kind: 'download', workers: 0 }), 'download only');
  assert.equal(parallelismText({ kind: 'download', workers: 2 }), 'download + 2 workers');
  assert.equal(parallelismText({ kind: 'process', workers: 1 }), '1 worker');
});
