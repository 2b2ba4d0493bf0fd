import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunSummary } from '../../../src/shared/records.js';
import {
  historyNote,
  outcomeSentence,
  savingLine,
} from '../../../src/renderer/src/features/live-run/outcome-text.js';

function summary(
  over: Partial<RunSummary> = {},
  items: Partial<RunSummary['items']> = {},
): RunSummary {
  return {
    runId: 1,
    kind: 'process',
    status: 'completed',
    label: null,
    settings: { process: null, download: null },
    workers: 2,
    wallMs: 12_300,
    cpuMs: 20_000,
    peakRssBytes: 1,
    items: { total: 124, ok: 124, failed: 0, skipped: 0, ...items },
    bytesIn: 0,
    bytesOut: 0,
    failures: [],
    error: null,
    historyError: null,
    ...over,
  };
}

test('a finished run in one sentence, with rate and what went wrong', () => {
  assert.equal(
    outcomeSentence(summary(), 'completed'),
    'Done: 124 photos in 12.3 s (10.1 per second).',
  );
  assert.equal(
    outcomeSentence(
      summary({ kind: 'download' }, { ok: 8, failed: 2, skipped: 1, total: 11 }),
      'completed',
    ),
    // 10 finished (8 ok, 2 failed) in 12.3 s; the skipped one cost nothing.
    'Done: 8 images in 12.3 s (0.81 per second). 2 failed items, 1 skipped.',
  );
});

test('cancelled and interrupted runs say so, with counts', () => {
  assert.equal(
    outcomeSentence(summary({ wallMs: 65_000 }, { ok: 1, total: 48 }), 'cancelled'),
    'Cancelled after 1 min 5 s: 1 item of 48 was done. Finished outputs were kept.',
  );
  assert.match(
    outcomeSentence(summary({}, { ok: 400, total: 2000 }), 'cancelled'),
    /400 items of 2,000 were done/,
  );
  assert.match(
    outcomeSentence(summary({}, { ok: 3 }), 'interrupted'),
    /^Interrupted: .* 3 photos finished\.$/,
  );
});

test('a failed run gives its reason in words and what was done before it stopped', () => {
  assert.equal(
    outcomeSentence(
      summary(
        { status: 'failed', wallMs: 4_000, error: 'the output disk is full' },
        { ok: 14, total: 50 },
      ),
      'failed',
    ),
    'The run stopped on an error after 4.00 s: the output disk is full. 14 items of 50 were done before it stopped.',
  );
  assert.match(
    outcomeSentence(summary({ status: 'failed', error: null }, { ok: 1 }), 'failed'),
    /no reason was recorded\. 1 item of 124 was done/,
  );
});

test('a run the history could not save says so in one calm sentence; a saved one says nothing', () => {
  assert.equal(historyNote(summary()), null);
  assert.equal(
    historyNote(
      summary({
        historyError: 'the database /home/a/runs.db stayed locked by another program for 60 s',
      }),
    ),
    'The work itself is done, but this run could not be saved in History: the database /home/a/runs.db stayed locked by another program for 60 s.',
  );
});

test('the done banner’s saving: photos, bytes in → out with the change, and the time', () => {
  const mb = 1024 * 1024;
  assert.equal(
    savingLine(summary({ wallMs: 2510 }, { ok: 24, total: 24 }), {
      bytesIn: 9.2 * mb,
      bytesOut: 2.1 * mb,
    }),
    '24 photos · 9.2 MB → 2.1 MB (−77%) · 2.51 s',
  );
  assert.equal(savingLine(summary({}, { ok: 0, failed: 3 }), { bytesIn: 10, bytesOut: 5 }), null);
  assert.equal(savingLine(summary(), null), null);
});
