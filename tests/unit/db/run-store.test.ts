import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ITEM_READ_COLUMNS } from '../../../src/db/row-mapping.js';
import { RunStore } from '../../../src/db/run-store.js';
import type { RunEnd } from '../../../src/db/store-types.js';
import {
  downloadRun,
  openTempStore,
  pendingItems,
  processRun,
  tempDir,
} from './fixtures/store-fixtures.js';

const end: RunEnd = {
  status: 'completed',
  error: null,
  wallMs: 1234.5,
  cpuMs: 2000.25,
  peakRssEngineBytes: 100_000_000,
  peakRssWorkerBytes: 200_000_000,
  peakRssTotalBytes: 500_000_000,
};

const openStore = openTempStore;

test('createRun records a running run started now, owned by this process', (t) => {
  const { store, file } = openStore(t);
  const before = new Date().toISOString();
  const run = store.createRun(processRun({ label: 'first' }));
  const after = new Date().toISOString();
  const input = processRun({ label: 'first' });
  assert.deepEqual(
    { ...run, startedAt: 'x' },
    {
      id: run.id,
      kind: 'process',
      status: 'running',
      label: 'first',
      startedAt: 'x',
      finishedAt: null,
      inputs: input.inputs,
      outDir: input.outDir,
      settings: input.settings,
      workers: 2,
      threads: 1,
      pipeline: 'exact',
      machine: input.machine,
      wallMs: null,
      cpuMs: null,
      peakRssEngineBytes: null,
      peakRssWorkerBytes: null,
      peakRssTotalBytes: null,
      total: 0,
      ok: 0,
      failed: 0,
      skipped: 0,
      bytesIn: 0,
      bytesOut: 0,
      resumedFrom: null,
      error: null,
      sweepId: null,
      estimate: null,
    },
  );
  assert.ok(run.startedAt >= before && run.startedAt <= after, run.startedAt);
  assert.deepEqual(store.getRun(run.id), run);
  const raw = new Database(file, { readonly: true });
  t.after(() => raw.close());
  assert.deepEqual(raw.prepare('SELECT owner_pid, owner_host FROM runs WHERE id = ?').get(run.id), {
    owner_pid: process.pid,
    owner_host: hostname(),
  });
});

test('createRun rejects settings that do not match the schema', (t) => {
  const { store } = openStore(t);
  const bad = processRun();
  assert.throws(() =>
    store.createRun({
      ...bad,
      settings: { ...bad.settings, process: { ...bad.settings.process!, quality: 0 } },
    }),
  );
  assert.deepEqual(store.listRuns(), []);
});

test('items round-trip in seq order; only download runs have a download stage', (t) => {
  const { store } = openStore(t);
  const proc = store.createRun(processRun());
  const items = pendingItems(3).reverse();
  items[0] = { ...items[0]!, status: 'skipped', error: 'not an image' };
  store.addItems(proc.id, items);
  const listed = store.listItems(proc.id);
  assert.deepEqual(
    listed.map((i) => i.seq),
    [0, 1, 2],
  );
  assert.deepEqual(listed[2], {
    runId: proc.id,
    seq: 2,
    source: items[0]!.source,
    output: items[0]!.output,
    status: 'skipped',
    error: 'not an image',
    bytesIn: 1_000_002,
    bytesOut: null,
    widthIn: null,
    heightIn: null,
    widthOut: null,
    heightOut: null,
    workerId: null,
    attempts: 0,
    queuedMs: null,
    startMs: null,
    endMs: null,
    readMs: null,
    opsMs: null,
    encodeMs: null,
    frames: null,
    outputMtimeMs: null,
    download: null,
  });

  const dl = store.createRun(downloadRun());
  store.addItems(dl.id, [
    {
      seq: 0,
      source: 'https://example.com/a.jpg',
      output: null,
      status: 'pending',
      error: null,
      bytesIn: null,
    },
  ]);
  assert.deepEqual(store.listItems(dl.id)[0]!.download, {
    savedPath: null,
    finalUrl: null,
    httpStatus: null,
    attempts: 0,
    bytes: null,
    queuedMs: null,
    startMs: null,
    firstByteMs: null,
    endMs: null,
  });
});

test('addItems refuses a run that does not exist', (t) => {
  const { store } = openStore(t);
  assert.throws(() => store.addItems(42, pendingItems(1)), /Run 42 does not exist/);
});

test('updateItems applies partial updates, including nested download fields', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(downloadRun());
  store.addItems(run.id, pendingItems(2));
  const [a, b] = [0, 1];
  store.updateItems(run.id, [
    { seq: a, download: { queuedMs: 1.5, startMs: 2.25, attempts: 1 } },
    {
      seq: a,
      download: {
        firstByteMs: 30,
        endMs: 45.5,
        httpStatus: 200,
        bytes: 2048,
        savedPath: '/dl/a.jpg',
        finalUrl: 'https://cdn/a.jpg',
      },
    },
    {
      seq: a,
      status: 'ok',
      workerId: 1,
      attempts: 1,
      queuedMs: 46,
      startMs: 50,
      endMs: 90,
      readMs: 10,
      opsMs: 20,
      encodeMs: 9.5,
      bytesOut: 900,
      widthIn: 4000,
      heightIn: 3000,
      widthOut: 1000,
      heightOut: 750,
    },
    {
      seq: b,
      status: 'failed',
      error: 'HTTP 404 Not Found',
      download: { httpStatus: 404, attempts: 1 },
    },
  ]);
  const [itemA, itemB] = store.listItems(run.id);
  assert.deepEqual(itemA!.download, {
    savedPath: '/dl/a.jpg',
    finalUrl: 'https://cdn/a.jpg',
    httpStatus: 200,
    attempts: 1,
    bytes: 2048,
    queuedMs: 1.5,
    startMs: 2.25,
    firstByteMs: 30,
    endMs: 45.5,
  });
  assert.equal(itemA!.status, 'ok');
  assert.equal(itemA!.encodeMs, 9.5);
  assert.equal(itemA!.widthOut, 1000);
  // Fields not named in any update keep what addItems wrote.
  assert.equal(itemA!.bytesIn, 1_000_000);
  assert.equal(itemA!.source, pendingItems(1)[0]!.source);
  assert.equal(itemB!.error, 'HTTP 404 Not Found');
  assert.equal(itemB!.download?.httpStatus, 404);
  assert.equal(itemB!.download?.savedPath, null);

  // null clears a field; undefined leaves it alone.
  store.updateItems(run.id, [{ seq: b, status: 'pending', error: null, bytesIn: undefined }]);
  const again = store.listItems(run.id)[1]!;
  assert.equal(again.error, null);
  assert.equal(again.bytesIn, 1_000_001);
});

test('a download update gives a process item a download stage', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  store.addItems(run.id, pendingItems(1));
  assert.equal(store.listItems(run.id)[0]!.download, null);
  store.updateItems(run.id, [{ seq: 0, download: { savedPath: '/dl/x.jpg' } }]);
  assert.deepEqual(store.listItems(run.id)[0]!.download?.savedPath, '/dl/x.jpg');
  assert.equal(store.listItems(run.id)[0]!.download?.attempts, 0);
});

test('a bad update rolls back the whole batch', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  store.addItems(run.id, pendingItems(1));
  assert.throws(
    () =>
      store.updateItems(run.id, [
        { seq: 0, status: 'ok' },
        { seq: 999_999, status: 'ok' },
      ]),
    new RegExp(`Item 999999 of run ${run.id} does not exist`),
  );
  assert.throws(
    () => store.updateItems(run.id, [{ seq: 0, status: 'ok' }, { seq: 0, colour: 'red' } as never]),
    /Expected an updatable item field but received "colour"/,
  );
  assert.throws(
    () => store.updateItems(run.id, [{ seq: -1, status: 'ok' }]),
    /Expected a non-negative integer for item seq but received -1/,
  );
  assert.equal(store.listItems(run.id)[0]!.status, 'pending');
  assert.equal(store.getRun(run.id)!.ok, 0);
});

test('run counts follow item statuses; finishRun records the end', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  store.addItems(run.id, [
    ...pendingItems(4),
    {
      seq: 4,
      source: '/x.txt',
      output: null,
      status: 'skipped',
      error: 'not an image',
      bytesIn: 3,
    },
  ]);
  store.updateItems(run.id, [
    { seq: 0, status: 'ok' },
    { seq: 1, status: 'ok' },
    { seq: 2, status: 'failed', error: 'corrupt JPEG' },
  ]);
  const finished = store.finishRun(run.id, end);
  assert.deepEqual(
    { total: finished.total, ok: finished.ok, failed: finished.failed, skipped: finished.skipped },
    { total: 5, ok: 2, failed: 1, skipped: 1 },
  );
  assert.equal(finished.status, 'completed');
  assert.ok(finished.finishedAt !== null && finished.finishedAt >= finished.startedAt);
  assert.deepEqual(
    [
      finished.wallMs,
      finished.cpuMs,
      finished.peakRssEngineBytes,
      finished.peakRssWorkerBytes,
      finished.peakRssTotalBytes,
    ],
    [1234.5, 2000.25, 100_000_000, 200_000_000, 500_000_000],
  );
  assert.deepEqual(store.listRuns()[0], finished);
  assert.throws(() => store.finishRun(777, end), /Run 777 does not exist/);
});

test('listRuns gives newest first, filtered by kind and status, up to a limit', (t) => {
  const { store } = openStore(t);
  const p1 = store.createRun(processRun());
  const d1 = store.createRun(downloadRun());
  const p2 = store.createRun(processRun());
  store.finishRun(p1.id, end);
  store.finishRun(d1.id, { ...end, status: 'cancelled' });
  const ids = (runs: { id: number }[]) => runs.map((r) => r.id);
  assert.deepEqual(ids(store.listRuns()), [p2.id, d1.id, p1.id]);
  assert.deepEqual(ids(store.listRuns({ limit: 2 })), [p2.id, d1.id]);
  assert.deepEqual(ids(store.listRuns({ kind: 'process' })), [p2.id, p1.id]);
  assert.deepEqual(ids(store.listRuns({ status: 'running' })), [p2.id]);
  assert.deepEqual(ids(store.listRuns({ kind: 'process', status: 'completed' })), [p1.id]);
  assert.deepEqual(ids(store.listRuns({ kind: 'download', status: 'completed' })), []);
  assert.throws(() => store.listRuns({ limit: 0 }), /Expected a positive integer for limit/);
});

test('itemsWithStatus picks items by status, in seq order', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  store.addItems(run.id, pendingItems(5));
  store.updateItems(run.id, [
    { seq: 1, status: 'ok' },
    { seq: 3, status: 'failed', error: 'e' },
  ]);
  assert.deepEqual(
    store.itemsWithStatus(run.id, ['pending']).map((i) => i.seq),
    [0, 2, 4],
  );
  assert.deepEqual(
    store.itemsWithStatus(run.id, ['failed', 'ok']).map((i) => i.seq),
    [1, 3],
  );
  assert.deepEqual(store.itemsWithStatus(run.id, []), []);
});

test('deleteRun removes the run and its items, and clears resumedFrom of its resumptions', (t) => {
  const { store, file } = openStore(t);
  const first = store.createRun(processRun());
  store.addItems(first.id, pendingItems(3));
  assert.throws(() => store.deleteRun(first.id), /still running/);
  store.finishRun(first.id, { ...end, status: 'cancelled' });
  const resumed = store.createRun(processRun({ resumedFrom: first.id }));
  assert.equal(resumed.resumedFrom, first.id);

  assert.equal(store.deleteRun(first.id), true);
  assert.equal(store.getRun(first.id), null);
  assert.deepEqual(store.listItems(first.id), []);
  assert.equal(store.getRun(resumed.id)!.resumedFrom, null);
  assert.equal(store.deleteRun(first.id), false);
  const raw = new Database(file, { readonly: true });
  t.after(() => raw.close());
  assert.equal(raw.prepare('SELECT count(*) FROM items').pluck().get(), 0);
});

test('settings are remembered as JSON values', (t) => {
  const { store, file } = openStore(t);
  assert.equal(store.getSetting('window'), null);
  store.setSetting('window', { width: 1200, height: 800, maximised: false });
  store.setSetting('window', { width: 1300, height: 800, maximised: true });
  store.setSetting('lastOutDir', '/photos/out');
  assert.deepEqual(store.getSetting<{ width: number }>('window'), {
    width: 1300,
    height: 800,
    maximised: true,
  });
  assert.throws(() => store.setSetting('nothing', undefined), /Expected a JSON value/);
  store.close();
  const reopened = RunStore.open(file);
  t.after(() => reopened.close());
  assert.equal(reopened.getSetting('lastOutDir'), '/photos/out');
});

test('everything survives closing and reopening the file; read-only opens cannot write', (t) => {
  const file = path.join(tempDir(t), 'nested', 'folder', 'photobatch.db');
  const store = RunStore.open(file);
  const run = store.createRun(processRun());
  store.addItems(run.id, pendingItems(2));
  store.finishRun(run.id, end);
  store.close();

  const readonly = RunStore.open(file, { readonly: true });
  t.after(() => readonly.close());
  assert.equal(readonly.getRun(run.id)!.total, 2);
  assert.equal(readonly.listItems(run.id).length, 2);
  assert.throws(() => readonly.createRun(processRun()), /readonly/i);
});

test('addItems stores 20,000 items in one call', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  const started = performance.now();
  store.addItems(run.id, pendingItems(20_000));
  t.diagnostic(`addItems(20000): ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(store.getRun(run.id)!.total, 20_000);
  assert.equal(store.listItems(run.id).at(-1)!.seq, 19_999);
});

test('a failed run keeps its reason; other endings carry none', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  const failed = store.finishRun(run.id, {
    ...end,
    status: 'failed',
    error: 'the output folder /photos/out is on a disk that is full',
  });
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error, 'the output folder /photos/out is on a disk that is full');
  assert.deepEqual(store.listRuns({ status: 'failed' }), [failed]);
  // A failed run is over: it can be deleted.
  assert.equal(store.deleteRun(run.id), true);

  const other = store.createRun(processRun());
  assert.throws(
    () => store.finishRun(other.id, { ...end, status: 'failed', error: ' ' }),
    /Expected a reason for a failed run and none for any other ending but received " " for status "failed"/,
  );
  assert.throws(
    () => store.finishRun(other.id, { ...end, status: 'completed', error: 'oops' }),
    /received "oops" for status "completed"/,
  );
  assert.equal(store.getRun(other.id)!.status, 'running');
});

test('an update names its item by seq within its run, never another run’s item', (t) => {
  const { store } = openStore(t);
  const a = store.createRun(processRun());
  const b = store.createRun(processRun());
  store.addItems(a.id, pendingItems(2));
  store.addItems(b.id, pendingItems(2));
  store.updateItems(b.id, [{ seq: 1, status: 'ok', bytesOut: 7 }]);
  assert.deepEqual(
    store.listItems(a.id).map((i) => i.status),
    ['pending', 'pending'],
  );
  assert.deepEqual(
    store.listItems(b.id).map((i) => [i.status, i.bytesOut]),
    [
      ['pending', null],
      ['ok', 7],
    ],
  );
  assert.throws(() => store.updateItems(a.id, [{ seq: 2, status: 'ok' }]), /Item 2 of run/);
});

test('writeBatch stores items, then their updates, then the end, in one transaction', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  // The update names an item inserted by the same batch.
  store.writeBatch(run.id, {
    items: pendingItems(3),
    updates: [{ seq: 2, status: 'failed', error: 'corrupt JPEG' }],
    end: null,
  });
  assert.deepEqual(store.getRun(run.id)!.failed, 1);
  store.writeBatch(run.id, { updates: [{ seq: 0, status: 'ok' }], end });
  const finished = store.getRun(run.id)!;
  assert.deepEqual([finished.status, finished.total, finished.ok], ['completed', 3, 1]);
});

test('writeBatch is all or nothing: a bad end rolls back its items and updates', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  assert.throws(() =>
    store.writeBatch(run.id, {
      items: pendingItems(2),
      updates: [{ seq: 0, status: 'ok' }],
      end: { ...end, status: 'failed', error: null },
    }),
  );
  assert.deepEqual(store.listItems(run.id), []);
  assert.equal(store.getRun(run.id)!.status, 'running');
});

test('the store names its file by absolute path', (t) => {
  const dir = tempDir(t);
  const relative = path.relative(process.cwd(), path.join(dir, 'photobatch.db'));
  const store = RunStore.open(relative);
  t.after(() => store.close());
  assert.equal(store.path, path.join(dir, 'photobatch.db'));
  const memory = RunStore.open(':memory:');
  t.after(() => memory.close());
  assert.equal(memory.path, ':memory:');
});

test('every column of items but its storage key is read into the record', (t) => {
  const { file } = openStore(t);
  const raw = new Database(file, { readonly: true });
  t.after(() => raw.close());
  const columns = raw.prepare(`SELECT name FROM pragma_table_info('items')`).pluck().all();
  // A later migration that adds a column fails here until row-mapping reads it.
  assert.deepEqual([...ITEM_READ_COLUMNS].sort(), columns.filter((c) => c !== 'id').sort());
});
