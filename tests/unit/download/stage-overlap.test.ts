import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ItemRecord } from '../../../src/shared/records.js';
import { stageOverlap } from '../../../src/shared/stage-overlap.js';

function item(download: [number, number] | null, processed: [number, number] | null): ItemRecord {
  return {
    id: 1,
    runId: 1,
    seq: 0,
    source: 'https://x.test/a.jpg',
    output: null,
    status: 'ok',
    error: null,
    bytesIn: null,
    bytesOut: null,
    widthIn: null,
    heightIn: null,
    widthOut: null,
    heightOut: null,
    workerId: processed ? 0 : null,
    attempts: 1,
    queuedMs: null,
    startMs: processed?.[0] ?? null,
    endMs: processed?.[1] ?? null,
    readMs: null,
    opsMs: null,
    encodeMs: null,
    download: download
      ? {
          savedPath: null,
          finalUrl: null,
          httpStatus: 200,
          attempts: 1,
          bytes: 1,
          queuedMs: 0,
          startMs: download[0],
          firstByteMs: null,
          endMs: download[1],
        }
      : null,
  };
}

test('downloads overlapping processing: busy times are unions, overlap is their intersection', () => {
  // Downloads 0–100 and 50–150 (busy 0–150); processing 100–200 and 150–260 (busy 100–260).
  const result = stageOverlap([item([0, 100], [100, 200]), item([50, 150], [150, 260])]);
  assert.deepEqual(result, { downloadMs: 150, processMs: 160, overlapMs: 50, spanMs: 260 });
});

test('stages one after the other do not overlap; a download-only run has no processing', () => {
  assert.equal(stageOverlap([item([0, 10], null), item([10, 20], [30, 40])]).overlapMs, 0);
  assert.deepEqual(stageOverlap([item([5, 10], null)]), {
    downloadMs: 5,
    processMs: 0,
    overlapMs: 0,
    spanMs: 5,
  });
  assert.deepEqual(stageOverlap([]), { downloadMs: 0, processMs: 0, overlapMs: 0, spanMs: 0 });
});
