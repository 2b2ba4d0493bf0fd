import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppEvent } from '../../../src/shared/contract.js';
import {
  RunTracker,
  liveCounts,
  liveElapsedMs,
  liveFraction,
} from '../../../src/renderer/src/common/run-tracker.js';
import { item, runRecord } from './fixtures.js';

function manualScheduler() {
  const queue: (() => void)[] = [];
  let clock = 0;
  return {
    scheduler: { schedule: (cb: () => void) => queue.push(cb), now: () => clock },
    frame: () => queue.splice(0).forEach((cb) => cb()),
    pending: () => queue.length,
    advance: (ms: number) => (clock += ms),
  };
}

function progress(
  runId: number,
  ok: number,
  failed: number,
  total: number,
  totalFinal = true,
): AppEvent {
  return {
    name: 'run:progress',
    payload: {
      runId,
      kind: 'process',
      total,
      ok,
      failed,
      skipped: 0,
      elapsedMs: ok * 10,
      itemsPerSecond: 100,
      etaMs: (total - ok) * 10,
      workers: [],
      bytes: 0,
      totalFinal,
    },
  };
}

test('20,000 items in thousands of events publish once per frame', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  let renders = 0;
  tracker.subscribe(() => (renders += 1));
  tracker.handle({
    name: 'run:started',
    payload: { run: runRecord({ id: 7, total: 20_000, status: 'running' }) },
  });
  for (let i = 0; i < 20_000; i += 10) {
    const items = Array.from({ length: 10 }, (_, k) =>
      item({
        runId: 7,
        status: (i + k) % 1000 === 0 ? 'failed' : 'ok',
        error: (i + k) % 1000 === 0 ? 'not an image' : null,
      }),
    );
    tracker.handle({ name: 'item:done', payload: { runId: 7, items } });
    tracker.handle(progress(7, i + 10, Math.floor((i + 10) / 1000), 20_000));
  }
  assert.equal(s.pending(), 1, 'one frame scheduled for 4,000 events');
  assert.equal(renders, 0);
  s.frame();
  assert.equal(renders, 1);
  const run = tracker.getSnapshot().runs[0]!;
  assert.equal(run.itemsReported, 20_000);
  assert.equal(run.failureCount, 20);
  assert.equal(run.failures[0]!.error, 'not an image');
  assert.equal(liveCounts(run).done, 20_000 + 20);
});

test('the snapshot is stable between frames and unchanged runs keep their object', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  tracker.expect(1);
  tracker.expect(2);
  s.frame();
  const first = tracker.getSnapshot();
  assert.equal(tracker.getSnapshot(), first);
  tracker.handle(progress(2, 5, 0, 10));
  s.frame();
  const second = tracker.getSnapshot();
  assert.notEqual(second, first);
  assert.equal(second.runs[0], first.runs[0], 'run 1 did not change');
  assert.notEqual(second.runs[1], first.runs[1]);
  assert.equal(liveFraction(second.runs[1]!), 0.5);
});

test('finish is reported at once, with the summary failures and wall time', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  const finished: number[] = [];
  tracker.onFinished((id) => finished.push(id));
  tracker.handle(progress(3, 1, 0, 3));
  s.advance(500);
  s.frame();
  assert.equal(liveElapsedMs(tracker.getSnapshot().runs[0]!, 700), 10 + 700);
  tracker.handle({
    name: 'run:finished',
    payload: {
      status: 'completed',
      summary: {
        runId: 3,
        kind: 'download',
        status: 'completed',
        label: null,
        settings: { process: null, download: null },
        workers: 1,
        wallMs: 1234,
        cpuMs: 100,
        peakRssBytes: 1,
        items: { total: 3, ok: 2, failed: 1, skipped: 0 },
        bytesIn: 0,
        bytesOut: 0,
        failures: [{ source: 'line 2: ftp://x', error: 'only http and https' }],
        error: null,
        historyError: null,
      },
    },
  });
  assert.deepEqual(finished, [3], 'before any frame');
  s.frame();
  const run = tracker.getSnapshot().runs[0]!;
  assert.equal(run.failureCount, 1);
  assert.equal(liveElapsedMs(run, 99_999), 1234);
  assert.equal(liveFraction(run), 1);
});

test('while the scan still finds files there is no fraction; scan:finished makes the total final', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  tracker.handle(progress(5, 34, 0, 66, false));
  s.frame();
  assert.equal(liveFraction(tracker.getSnapshot().runs[0]!), null, 'no percentage while scanning');
  tracker.handle({ name: 'scan:finished', payload: { runId: 5, total: 72 } });
  s.frame();
  const run = tracker.getSnapshot().runs[0]!;
  assert.equal(run.totalFinal, true);
  assert.equal(liveCounts(run).total, 72);
  assert.equal(liveFraction(run), 34 / 72);
});

test('reconcile: a run the store says was interrupted is finished with the store figures', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  const finished: string[] = [];
  tracker.onFinished((id, status) => finished.push(`${id}:${status}`));
  tracker.handle(progress(6, 3, 0, 10));
  tracker.reconcile(runRecord({ id: 6, status: 'running' }));
  assert.deepEqual(tracker.unfinishedRunIds(), [6], 'still running: nothing finished');
  tracker.reconcile(runRecord({ id: 6, status: 'interrupted', ok: 3, total: 10, wallMs: null }));
  s.frame();
  const run = tracker.getSnapshot().runs[0]!;
  assert.equal(run.finished?.status, 'interrupted');
  assert.deepEqual(run.finished?.summary.items, { total: 10, ok: 3, failed: 0, skipped: 0 });
  assert.deepEqual(finished, ['6:interrupted']);
  assert.deepEqual(tracker.unfinishedRunIds(), []);
});

test('download items count Downloaded and Processed apart, and keep the latest retries', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  const download = (attempts: number) => ({
    savedPath: '/dl/a.jpg',
    finalUrl: null,
    httpStatus: 200,
    attempts,
    bytes: 10,
    queuedMs: 0,
    startMs: 1,
    firstByteMs: 2,
    endMs: 3,
  });
  const items = [
    item({
      runId: 7,
      source: 'http://x/a.jpg',
      output: '/dl/processed/a.jpg',
      download: download(1),
    }),
    item({ runId: 7, source: 'http://x/b.jpg', output: '/dl/a.jpg', download: download(3) }),
  ];
  tracker.handle({ name: 'item:done', payload: { runId: 7, items } });
  tracker.noteDownloadBytes(7, 'http://x/c.jpg', 4096);
  s.frame();
  const run = tracker.getSnapshot().runs[0]!;
  assert.equal(run.downloaded, 2);
  assert.equal(run.processed, 1, 'a saved file that is its own output was not processed');
  assert.deepEqual(run.retried, [{ url: 'http://x/b.jpg', attempts: 3, status: 'ok' }]);
  assert.equal(run.bytesInFlight.get('http://x/c.jpg'), 4096);
});

test('finished items are kept in order for the output grid, with the ok items’ bytes summed', () => {
  const s = manualScheduler();
  const tracker = new RunTracker(s.scheduler);
  tracker.handle({
    name: 'item:done',
    payload: {
      runId: 3,
      items: [
        item({ runId: 3, seq: 0, status: 'ok', bytesIn: 1000, bytesOut: 200 }),
        item({
          runId: 3,
          seq: 1,
          status: 'failed',
          error: 'damaged',
          bytesIn: 500,
          bytesOut: null,
        }),
        item({ runId: 3, seq: 2, status: 'skipped' }),
        item({ runId: 3, seq: 3, status: 'ok', bytesIn: 100, bytesOut: 150 }),
      ],
    },
  });
  s.frame();
  const run = tracker.getSnapshot().runs[0]!;
  assert.equal(run.finishedCount, 3, 'skipped items have no output to show');
  assert.deepEqual(
    run.finishedItems.slice(0, run.finishedCount).map((i) => [i.seq, i.ok]),
    [
      [0, true],
      [1, false],
      [3, true],
    ],
  );
  assert.equal(run.bytesIn, 1100);
  assert.equal(run.bytesOut, 350);
});
