// What `photobatch runs`, `show` and `compare` print for people: a failed run shows as failed with
// its reason in words, and the figures are the shared ones (images/s counts ok and failed items).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../../src/shared/compare-runs.js';
import { comparisonTable, runDetails, runsTable } from '../../../src/cli/run-tables.js';
import { item, runRecord } from '../renderer/fixtures.js';

const broken = runRecord({
  id: 7,
  status: 'failed',
  error: 'the output disk is full (/photos/out)',
  ok: 14,
  failed: 1,
  total: 50,
  wallMs: 3000,
});

test('runs: a failed run reads "failed" in its row, and its reason follows the table', () => {
  const text = runsTable([runRecord({ id: 8 }), broken]);
  assert.match(
    text,
    /^7\s.*process\s+failed\s+14\/50\s+1\s+3\.00 s\s+5\.00\s/m,
    '15 finished in 3 s',
  );
  assert.match(text, /^run 7 failed: the output disk is full \(\/photos\/out\)$/m);
  assert.doesNotMatch(text, /run 8 failed/);
});

test('show: the reason sits under the title line, in words', () => {
  const text = runDetails(broken, [
    item({ status: 'failed', source: '/p/a.jpg', error: 'damaged' }),
  ]);
  const lines = text.split('\n');
  assert.equal(lines[0], 'run 7 — process, failed');
  assert.equal(lines[1], 'reason    the output disk is full (/photos/out)');
  assert.match(text, /^ {2}failed: \/p\/a\.jpg: damaged$/m);
  assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
  assert.doesNotMatch(runDetails(runRecord(), []), /reason/, 'only a failed run has a reason line');
});

test('compare: the same figures as the window, with a note on a run that did not complete', () => {
  const items = (runId: number) =>
    Array.from({ length: 10 }, () => item({ runId, startMs: 0, endMs: 1000 }));
  const comparison = compareRuns(
    [
      { run: runRecord({ id: 1, workers: 1, wallMs: 10_000 }), items: items(1) },
      { run: runRecord({ id: 2, workers: 4, wallMs: 3_125, status: 'failed' }), items: items(2) },
    ],
    1,
  );
  const text = comparisonTable(comparison);
  assert.match(text, /^1\*\s.*1\.00x\s+100%/m);
  assert.match(text, /^2\s.*3\.20x\s+80%/m);
  assert.match(text, /^Run 2 failed: its figures cover what it did before it ended\.$/m);
});

test('show: "largest worker" is a figure only when a worker measured one', () => {
  const memoryLine = (text: string) => text.split('\n').find((l) => l.startsWith('memory'))!;
  assert.match(
    memoryLine(runDetails(runRecord({ kind: 'download', workers: 0, peakRssWorkerBytes: 0 }), [])),
    /largest worker none \(no worker processes\)/,
  );
  assert.match(
    memoryLine(runDetails(runRecord({ status: 'cancelled', peakRssWorkerBytes: 0 }), [])),
    /largest worker not measured \(no worker finished an image\)/,
  );
  assert.match(
    memoryLine(runDetails(runRecord({ peakRssWorkerBytes: 80_000_000 }), [])),
    /largest worker 76\.3 MB/,
  );
});

test('show: names with control characters are quoted, never printed raw', () => {
  const text = runDetails(runRecord({ outDir: '/out/\x1b[2J', label: 'a\nb' }), [
    item({ status: 'failed', source: '/p/x\x07.jpg', error: 'damaged' }),
  ]);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text.replace(/\n/g, ''), /[\u0000-\u001f\u007f]/);
  assert.match(text, /output {4}'\/out\/'\$'\\033''\[2J'/);
  assert.match(text, /failed: '\/p\/x'\$'\\a''\.jpg': damaged/);
});

test('show and compare: bytes in → out and the saving, from the run record', () => {
  const small = runRecord({ id: 3, bytesIn: 9.2 * 1024 ** 2, bytesOut: 2.1 * 1024 ** 2 });
  assert.match(runDetails(small, []), /^size {6}9\.2 MB → 2\.1 MB, saved 7\.1 MB \(−77%\)$/m);
  const grown = runRecord({ id: 4, bytesIn: 1000, bytesOut: 1500 });
  assert.match(runDetails(grown, []), /^size .*, grew 500 bytes \(\+50%\)$/m);
  assert.match(runDetails(runRecord(), []), /^size {6}none \(no item produced an output\)$/m);
  const text = comparisonTable(
    compareRuns(
      [
        { run: small, items: [] },
        { run: runRecord({ id: 5, cpuMs: 4200 }), items: [] },
      ],
      3,
    ),
  );
  const [header, , first, second] = text.split('\n');
  assert.match(header!, /\bCPU\b.*in → out\s+saved/);
  assert.match(first!, /9\.2 MB → 2\.1 MB\s+7\.1 MB \(−77%\)\s*$/);
  assert.match(second!, /4\.20 s/);
  assert.match(second!, /—\s+—\s*$/);
});
