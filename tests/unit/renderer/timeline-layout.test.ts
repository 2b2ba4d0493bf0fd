import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunTimeline, TimelineBar } from '../../../src/shared/compare-runs.js';
import { runTimeline } from '../../../src/shared/compare-runs.js';
import {
  barAt,
  indexLanes,
  layoutBars,
  niceTicks,
  panWindow,
  stageOverlap,
  zoomWindow,
} from '../../../src/renderer/src/features/compare/timeline-layout.js';
import { downloadRun, item, runRecord } from './fixtures.js';

function bar(
  lane: number,
  startMs: number,
  endMs: number,
  over: Partial<TimelineBar> = {},
): TimelineBar {
  return {
    lane,
    startMs,
    endMs,
    stage: 'process',
    status: 'ok',
    source: `${lane}-${startMs}.jpg`,
    ...over,
  };
}

test('lanes get names and idle figures; gaps are measured, not hidden', () => {
  const t: RunTimeline = {
    runId: 1,
    wallMs: 1000,
    lanes: 2,
    bars: [bar(0, 0, 400), bar(0, 600, 1000), bar(1, 100, 300)],
  };
  const idx = indexLanes(t);
  assert.deepEqual(
    idx.lanes.map((l) => [l.name, l.bars, l.busyMs, l.idleMs, l.longestGapMs]),
    [
      ['Worker 1', 2, 800, 200, 200],
      ['Worker 2', 1, 200, 800, 700],
    ],
  );
});

test('wide bars are drawn one by one with the gap between them', () => {
  const t: RunTimeline = {
    runId: 1,
    wallMs: 1000,
    lanes: 1,
    bars: [bar(0, 0, 400), bar(0, 600, 1000)],
  };
  const rects = layoutBars(t, indexLanes(t), { startMs: 0, endMs: 1000 }, 500);
  assert.equal(rects.length, 2);
  assert.deepEqual(
    [rects[0]!.x, rects[0]!.width, rects[1]!.x, rects[1]!.width],
    [0, 200, 300, 200],
  );
});

test('20,000 sub-pixel bars collapse to a few rects per lane, yet a visible gap survives', () => {
  const bars: TimelineBar[] = [];
  for (let lane = 0; lane < 8; lane += 1) {
    for (let i = 0; i < 2500; i += 1) {
      // Back to back, except an idle stretch of 5,000 ms in the middle of each lane.
      const start = i * 10 + (i >= 1250 ? 5000 : 0);
      bars.push(bar(lane, start, start + 10, i === 7 ? { status: 'failed' } : {}));
    }
  }
  const t: RunTimeline = { runId: 1, wallMs: 30_000, lanes: 8, bars };
  const idx = indexLanes(t);
  const rects = layoutBars(t, idx, { startMs: 0, endMs: 30_000 }, 600);
  assert.equal(rects.length, 16, 'two blocks per lane, split at the idle gap');
  assert.equal(
    rects.reduce((n, r) => n + r.count, 0),
    20_000,
    'every bar is in some rect',
  );
  assert.ok(rects[0]!.failed, 'a failure inside a merged block still shows');
  const gapPx = rects[1]!.x - (rects[0]!.x + rects[0]!.width);
  assert.ok(Math.abs(gapPx - 100) < 1, `the 5 s gap is 100 px wide, got ${gapPx}`);
  // Zoomed in, the bars come apart again.
  const zoomed = layoutBars(t, idx, { startMs: 0, endMs: 100 }, 600);
  assert.equal(zoomed.filter((r) => r.lane === 0).length, 11);
});

test('hit-testing finds the bar under the pointer, or the nearest within tolerance', () => {
  const t: RunTimeline = {
    runId: 1,
    wallMs: 1000,
    lanes: 1,
    bars: [bar(0, 600, 1000), bar(0, 0, 400)],
  };
  const idx = indexLanes(t);
  assert.equal(barAt(t, idx, 0, 200), 1);
  assert.equal(barAt(t, idx, 0, 700), 0);
  assert.equal(barAt(t, idx, 0, 500), null);
  assert.equal(barAt(t, idx, 0, 410, 20), 1);
  assert.equal(barAt(t, idx, 5, 10), null);
});

test('zoom keeps the point under the pointer still and stays inside the run', () => {
  const w = zoomWindow({ startMs: 0, endMs: 1000 }, 2, 250, 1000);
  assert.deepEqual(w, { startMs: 125, endMs: 625 });
  assert.deepEqual(
    zoomWindow(w, 0.01, 500, 1000),
    { startMs: 0, endMs: 1000 },
    'zoom out stops at the whole run',
  );
  assert.deepEqual(panWindow({ startMs: 100, endMs: 600 }, 900, 1000), {
    startMs: 500,
    endMs: 1000,
  });
  assert.deepEqual(panWindow({ startMs: 100, endMs: 600 }, -900, 1000), { startMs: 0, endMs: 500 });
  const tiny = zoomWindow({ startMs: 0, endMs: 1000 }, 1e6, 500, 1000, 5);
  assert.equal(tiny.endMs - tiny.startMs, 5);
});

test('ticks fall on round values', () => {
  assert.deepEqual(niceTicks({ startMs: 0, endMs: 1000 }, 5), [0, 200, 400, 600, 800, 1000]);
  assert.deepEqual(niceTicks({ startMs: 130, endMs: 470 }, 4), [200, 300, 400]);
  assert.deepEqual(niceTicks({ startMs: 0, endMs: 0 }, 4), []);
});

test('a download-then-process run shows both stages on their own lanes and their overlap', () => {
  const run = downloadRun({ id: 9, wallMs: 1000, workers: 2 });
  const dl = (startMs: number, endMs: number) => ({
    savedPath: null,
    finalUrl: null,
    httpStatus: 200,
    attempts: 1,
    bytes: 1,
    queuedMs: 0,
    startMs,
    firstByteMs: startMs + 10,
    endMs,
  });
  const items = [
    item({ runId: 9, workerId: 0, startMs: 300, endMs: 500, download: dl(0, 300) }),
    item({ runId: 9, workerId: 1, startMs: 450, endMs: 700, download: dl(100, 450) }),
    item({ runId: 9, workerId: 0, startMs: 800, endMs: 900, download: dl(400, 800) }),
  ];
  const t = runTimeline(run, items);
  const idx = indexLanes(t);
  assert.deepEqual(
    idx.lanes.map((l) => l.name),
    ['Worker 1', 'Worker 2', 'Download 1', 'Download 2'],
  );
  const o = stageOverlap(t)!;
  assert.equal(o.downloadMs, 800);
  assert.equal(o.processMs, 500);
  assert.equal(o.overlapMs, 400, 'processing 300–700 while downloads ran 0–800');
  assert.equal(
    stageOverlap(runTimeline(runRecord(), [item()])),
    null,
    'a process run has no overlap to show',
  );
});

test('a download bar splits waiting for the first byte from receiving the body', () => {
  const t: RunTimeline = {
    runId: 1,
    wallMs: 1000,
    lanes: 1,
    bars: [
      bar(0, 100, 500, { stage: 'download', firstByteMs: 400 }),
      bar(0, 600, 700, { stage: 'download', firstByteMs: null }),
    ],
  };
  const idx = indexLanes(t);
  const [a, b] = layoutBars(t, idx, { startMs: 0, endMs: 1000 }, 1000);
  assert.equal(a!.waitWidth, 300);
  assert.equal(b!.waitWidth, undefined, 'no first byte known, no split');
  // Zoomed into the body only: nothing of the wait is visible.
  const [z] = layoutBars(t, idx, { startMs: 450, endMs: 550 }, 100);
  assert.equal(z!.waitWidth, 0);
  // From runTimeline: the item's first byte reaches the bar.
  const run = downloadRun({ id: 3, wallMs: 500 });
  const d = {
    savedPath: null,
    finalUrl: null,
    httpStatus: 200,
    attempts: 1,
    bytes: 1,
    queuedMs: 0,
    startMs: 0,
    firstByteMs: 120,
    endMs: 300,
  };
  const timeline = runTimeline(run, [
    item({ runId: 3, workerId: null, startMs: null, endMs: null, download: d }),
  ]);
  assert.equal(timeline.bars[0]!.firstByteMs, 120);
});
