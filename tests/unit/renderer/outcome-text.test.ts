import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunSummary } from '../../../src/shared/records.js';
import { outcomeSentence } from '../../../src/renderer/src/features/live-run/outcome-text.js';

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
    failures: [],
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
    'Done: 8 images in 12.3 s (0.65 per second). 2 failed items, 1 skipped.',
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
