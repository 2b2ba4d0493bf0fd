// Every event's schema accepts what the engine emits and rejects malformed payloads, so the window
// drops a bad event with a message instead of rendering garbage or crashing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_NAMES } from '../../../src/shared/contract.js';
import type { AppEvent, EventName } from '../../../src/shared/contract.js';
import { EVENT_CHANNELS, isEventName } from '../../../src/shared/channels.js';
import { eventSchemas, parseAppEvent } from '../../../src/shared/event-schemas.js';
import type { ItemRecord, RunRecord, RunSummary } from '../../../src/shared/records.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';

const run: RunRecord = {
  id: 4,
  kind: 'process',
  status: 'running',
  label: null,
  startedAt: '2026-11-01T10:00:00.000Z',
  finishedAt: null,
  inputs: ['/photos'],
  outDir: '/photos-photobatch',
  settings: { process: defaultProcessSettings(2), download: null },
  workers: 2,
  threads: 1,
  pipeline: 'exact',
  machine: {
    cpuModel: 'x',
    cores: 2,
    memoryBytes: 1e9,
    os: 'linux',
    node: '20',
    sharp: '0.35',
    libvips: '8.17',
  },
  wallMs: null,
  cpuMs: null,
  peakRssEngineBytes: null,
  peakRssWorkerBytes: null,
  peakRssTotalBytes: null,
  total: 10,
  ok: 0,
  failed: 0,
  skipped: 0,
  bytesIn: 0,
  bytesOut: 0,
  resumedFrom: null,
  error: null,
  sweepId: null,
  estimate: null,
};

const item: ItemRecord = {
  runId: 4,
  seq: 0,
  source: '/photos/a.jpg',
  output: '/photos-photobatch/a.jpg',
  status: 'ok',
  error: null,
  bytesIn: 100,
  bytesOut: 50,
  widthIn: 10,
  heightIn: 10,
  widthOut: 5,
  heightOut: 5,
  workerId: 0,
  attempts: 1,
  queuedMs: 0,
  startMs: 1,
  endMs: 9,
  readMs: 2,
  opsMs: 3,
  encodeMs: 3,
  download: null,
};

const summary: RunSummary = {
  runId: 4,
  kind: 'process',
  status: 'completed',
  label: null,
  settings: run.settings,
  workers: 2,
  wallMs: 10,
  cpuMs: 12,
  peakRssBytes: 1000,
  items: { total: 1, ok: 1, failed: 0, skipped: 0 },
  bytesIn: 1000,
  bytesOut: 230,
  failures: [],
  error: null,
  historyError: null,
};

const good: { [K in EventName]: Extract<AppEvent, { name: K }>['payload'] } = {
  'run:started': { run },
  'run:progress': {
    runId: 4,
    kind: 'process',
    total: 10,
    ok: 3,
    failed: 1,
    skipped: 0,
    elapsedMs: 1200,
    itemsPerSecond: 3.3,
    etaMs: null,
    workers: [
      { workerId: 0, source: '/photos/a.jpg', sinceMs: 1000 },
      { workerId: 1, source: null, sinceMs: null },
    ],
    bytes: 0,
  },
  'item:done': {
    runId: 4,
    items: [
      item,
      {
        ...item,
        seq: 1,
        status: 'failed',
        error: 'not an image',
        download: {
          savedPath: null,
          finalUrl: null,
          httpStatus: 404,
          attempts: 1,
          bytes: null,
          queuedMs: 0,
          startMs: 1,
          firstByteMs: null,
          endMs: 3,
        },
      },
    ],
  },
  'scan:finished': { runId: 4, total: 66 },
  'run:finished': { summary, status: 'completed' },
  'download:progress': {
    runId: 4,
    bytes: 123_456,
    bytesPerSecond: 2048.5,
    downloads: [
      { seq: 2, source: 'https://example.com/a.jpg', bytes: 1000, expectedBytes: 5000, attempt: 1 },
      { seq: 5, source: 'https://example.com/b.jpg', bytes: 0, expectedBytes: null, attempt: 2 },
    ],
  },
  'sweep:progress': {
    sweepId: 2,
    kind: 'process',
    index: 1,
    of: 3,
    runId: 7,
    combination: { workers: 2, threads: 1, concurrency: null },
  },
  'sweep:finished': {
    sweepId: 2,
    kind: 'process',
    result: {
      sweepId: 2,
      kind: 'process',
      status: 'completed',
      sample: 4,
      runs: [
        {
          runId: 6,
          workers: 1,
          threads: 1,
          concurrency: null,
          status: 'completed',
          wallMs: 900,
          itemsPerSecond: 4.4,
          speedup: 1,
          efficiency: 1,
        },
      ],
      best: { workers: 1, threads: 1, concurrency: null },
      fit: null,
    },
    tuned: {
      sweepId: 2,
      kind: 'process',
      combination: { workers: 1, threads: 1, concurrency: null },
      at: '2026-12-02T07:00:00.000Z',
      signature: 'fast pipeline, jpeg, fit',
    },
    error: null,
  },
};

const bad: { [K in EventName]: { payload: unknown; names: string } } = {
  'run:started': { payload: { run: { ...run, kind: 'upload' } }, names: 'run.kind' },
  'run:progress': { payload: { ...good['run:progress'], ok: -1 }, names: 'ok' },
  'item:done': {
    payload: { runId: 4, items: [{ ...item, status: 'done' }] },
    names: 'items.0.status',
  },
  'scan:finished': { payload: { runId: 4, total: -1 }, names: 'total' },
  'run:finished': {
    payload: { summary: { ...summary, failures: [{ source: 1 }] }, status: 'completed' },
    names: 'summary.failures.0.source',
  },
  'download:progress': {
    payload: { ...good['download:progress'], downloads: [{ seq: 1, source: 'x', bytes: -3 }] },
    names: 'downloads.0.bytes',
  },
  'sweep:progress': {
    payload: {
      ...good['sweep:progress'],
      combination: { workers: 0, threads: 1, concurrency: null },
    },
    names: 'combination.workers',
  },
  'sweep:finished': {
    payload: { ...good['sweep:finished'], result: { ...good['sweep:finished'].result, runs: 'x' } },
    names: 'result.runs',
  },
};

for (const name of EVENT_NAMES) {
  test(`${name}: accepts what the engine emits`, () => {
    const parsed = parseAppEvent({ name, payload: good[name] });
    assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.error);
    if (parsed.ok) assert.deepEqual(parsed.event, { name, payload: good[name] });
  });
  test(`${name}: rejects a malformed payload, naming the field`, () => {
    const parsed = parseAppEvent({ name, payload: bad[name].payload });
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.ok(parsed.error.includes(`${bad[name].names}:`), parsed.error);
  });
}

test('unknown events and non-objects are refused without throwing', () => {
  for (const value of [
    null,
    3,
    'run:started',
    { name: 'run:exploded', payload: {} },
    { name: 'hasOwnProperty', payload: {} },
    {},
  ]) {
    const parsed = parseAppEvent(value);
    assert.equal(parsed.ok, false, JSON.stringify(value));
  }
});

test('every event has a schema and a channel entry, and nothing else does', () => {
  assert.deepEqual(Object.keys(eventSchemas).sort(), [...EVENT_NAMES].sort());
  assert.deepEqual(Object.keys(EVENT_CHANNELS).sort(), [...EVENT_NAMES].sort());
  assert.equal(isEventName('run:progress'), true);
  assert.equal(isEventName('constructor'), false);
});

test('a failed run crosses with its reason, and a summary says when the history was not saved', () => {
  const failed = {
    summary: {
      ...summary,
      status: 'failed',
      error: 'the disk is full',
      historyError: 'the database /data/runs.db stayed locked by another program',
    },
    status: 'failed',
  };
  const parsed = parseAppEvent({ name: 'run:finished', payload: failed });
  assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.error);
  const withoutReason = parseAppEvent({
    name: 'run:finished',
    payload: { ...failed, summary: { ...failed.summary, error: undefined } },
  });
  assert.equal(withoutReason.ok, false, 'error is required (null when there is none)');
});
