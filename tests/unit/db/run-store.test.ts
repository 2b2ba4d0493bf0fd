import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { RunStore } from '../../../src/db/run-store.js';
import type { RunEnd } from '../../../src/db/store-types.js';
import { downloadRun, pendingItems, processRun, tempDir } from './fixtures/store-fixtures.js';
import type { TestContext } from 'node:test';

const end: RunEnd = {
  status: 'completed',
  wallMs: 1234.5,
  cpuMs: 2000.25,
  peakRssEngineBytes: 100_000_000,
  peakRssWorkerBytes: 200_000_000,
  peakRssTotalBytes: 500_000_000,
};

function openStore(t: TestContext): { store: RunStore; file: string } {
  const file = path.join(tempDir(t), 'photobatch.db');
  const store = RunStore.open(file);
  t.after(() => store.close());
  return { store, file };
}

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
      resumedFrom: null,
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
  const ids = store.addItems(proc.id, items);
  assert.equal(ids.length, 3);
  const listed = store.listItems(proc.id);
  assert.deepEqual(
    listed.map((i) => i.seq),
    [0, 1, 2],
  );
  assert.deepEqual(
    listed.map((i) => i.id),
    [...ids].reverse(),
  );
  assert.deepEqual(listed[2], {
    id: ids[0],
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
  const [a, b] = store.addItems(run.id, pendingItems(2)) as [number, number];
  store.updateItems([
    { id: a, download: { queuedMs: 1.5, startMs: 2.25, attempts: 1 } },
    {
      id: a,
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
      id: a,
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
      id: b,
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
  store.updateItems([{ id: b, status: 'pending', error: null, bytesIn: undefined }]);
  const again = store.listItems(run.id)[1]!;
  assert.equal(again.error, null);
  assert.equal(again.bytesIn, 1_000_001);
});

test('a download update gives a process item a download stage', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  const [id] = store.addItems(run.id, pendingItems(1));
  assert.equal(store.listItems(run.id)[0]!.download, null);
  store.updateItems([{ id: id!, download: { savedPath: '/dl/x.jpg' } }]);
  assert.deepEqual(store.listItems(run.id)[0]!.download?.savedPath, '/dl/x.jpg');
  assert.equal(store.listItems(run.id)[0]!.download?.attempts, 0);
});

test('a bad update rolls back the whole batch', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  const [id] = store.addItems(run.id, pendingItems(1));
  assert.throws(
    () =>
      store.updateItems([
        { id: id!, status: 'ok' },
        { id: 999_999, status: 'ok' },
      ]),
    /Item 999999 does not exist/,
  );
  assert.throws(
    () => store.updateItems([{ id: id!, status: 'ok' }, { id: id!, colour: 'red' } as never]),
    /Expected an updatable item field but received "colour"/,
  );
  assert.equal(store.listItems(run.id)[0]!.status, 'pending');
  assert.equal(store.getRun(run.id)!.ok, 0);
});

test('run counts follow item statuses; finishRun records the end', (t) => {
  const { store } = openStore(t);
  const run = store.createRun(processRun());
  const ids = store.addItems(run.id, [
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
  store.updateItems([
    { id: ids[0]!, status: 'ok' },
    { id: ids[1]!, status: 'ok' },
    { id: ids[2]!, status: 'failed', error: 'corrupt JPEG' },
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
  const ids = store.addItems(run.id, pendingItems(5));
  store.updateItems([
    { id: ids[1]!, status: 'ok' },
    { id: ids[3]!, status: 'failed', error: 'e' },
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
  const ids = store.addItems(run.id, pendingItems(20_000));
  t.diagnostic(`addItems(20000): ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(new Set(ids).size, 20_000);
  assert.equal(store.getRun(run.id)!.total, 20_000);
  assert.equal(store.listItems(run.id).at(-1)!.seq, 19_999);
});
