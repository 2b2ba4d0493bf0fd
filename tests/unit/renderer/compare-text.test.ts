import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../../src/shared/compare-runs.js';
import {
  speedupSentences,
  runName,
} from '../../../src/renderer/src/features/compare/compare-text.js';
import { downloadRun, item, runRecord } from './fixtures.js';

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
    '#2 Trip: 4 workers finished 3.20× sooner than 1 worker (#1 Trip): 80% of the ideal 4.00×.',
  );
  assert.deepEqual(speedupSentences(c.runs, 99), []);
  assert.equal(runName({ runId: 5, label: null }), '#5');
});

test('a slower run says slower, and poor efficiency gets a reason', () => {
  const flipped = pair(2);
  const [slower] = speedupSentences(flipped.runs, 2);
  assert.equal(slower, '#1 Trip: 1 worker took 3.20× longer than 4 workers (#2 Trip).');
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

test('a download run against a process run: a warning line, and no speedup or efficiency', () => {
  const c = compareRuns(
    [
      { run: runRecord({ id: 7, workers: 2 }), items: [item({ runId: 7 })] },
      {
        run: downloadRun({
          id: 8,
          workers: 0,
          startedAt: '2025-01-03T10:00:00.000Z',
          finishedAt: '2025-01-03T10:00:05.000Z',
        }),
        items: [item({ runId: 8 })],
      },
    ],
    7,
  );
  const download = c.runs.find((r) => r.runId === 8)!;
  assert.equal(download.sameWorkAsBaseline, false);
  assert.equal(download.speedup, null);
  assert.equal(download.efficiency, null);
  assert.equal(download.concurrency, 8);
  assert.deepEqual(
    c.differences.map((d) => d.aspect),
    ['kind', 'inputs'],
  );
  assert.match(c.differences[0]!.text, /#8 is a download run and #7 a process run/);
  assert.deepEqual(speedupSentences(c.runs, 7), []);
});

test('other settings and another machine are said; runs that overlapped are flagged', () => {
  const other = runRecord({
    id: 2,
    settings: { process: { ...runRecord().settings.process!, blur: 25 }, download: null },
    machine: { ...runRecord().machine, cores: 16, cpuModel: 'big' },
    startedAt: '2025-01-02T10:00:05.000Z',
    finishedAt: '2025-01-02T10:00:20.000Z',
  });
  const c = compareRuns(
    [
      { run: runRecord({ id: 1 }), items: [item()] },
      { run: other, items: [item({ runId: 2 })] },
    ],
    1,
  );
  const texts = c.differences.map((d) => d.text);
  assert.ok(
    texts.some((t) => /other settings than #1: blur 25 vs none/.test(t)),
    texts.join('\n'),
  );
  assert.ok(
    texts.some((t) => /another machine/.test(t)),
    texts.join('\n'),
  );
  assert.ok(
    texts.includes(
      '#1 ran at the same time as #2: they shared the CPUs, so both look slower than they are.',
    ),
    texts.join('\n'),
  );
  assert.equal(c.runs[1]!.efficiency, null);
});

test('runs one after the other, same work, other worker counts: no warning at all', () => {
  const c = pair();
  // pair() has both runs at the same clock time: move the second one after the first.
  const later = compareRuns(
    [
      { run: runRecord({ id: 1, workers: 1, wallMs: 10_000 }), items: [item()] },
      {
        run: runRecord({
          id: 2,
          workers: 4,
          wallMs: 3_125,
          startedAt: '2025-01-02T11:00:00.000Z',
          finishedAt: '2025-01-02T11:00:04.000Z',
        }),
        items: [item({ runId: 2 })],
      },
    ],
    1,
  );
  assert.deepEqual(later.differences, []);
  assert.equal(later.runs[1]!.sameWorkAsBaseline, true);
  assert.ok(c.runs[1]!.efficiency !== null);
});
