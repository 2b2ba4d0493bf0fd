import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { RunStore } from '../../../src/db/run-store.js';
import { pendingItems, processRun, tempDir } from './fixtures/store-fixtures.js';
import { holdLockElsewhere } from './fixtures/write-lock.js';

test('two stores on one file see each other’s writes', (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const app = RunStore.open(file);
  const cli = RunStore.open(file);
  t.after(() => {
    app.close();
    cli.close();
  });

  const run = app.createRun(processRun({ label: 'from the app' }));
  app.addItems(run.id, pendingItems(3));
  const cliRun = cli.createRun(processRun({ label: 'from the CLI' }));
  cli.updateItems(run.id, [{ seq: 0, status: 'ok' }]);
  cli.setSetting('window', { width: 1 });

  assert.deepEqual(
    app.listRuns().map((r) => r.label),
    ['from the CLI', 'from the app'],
  );
  assert.equal(app.getRun(run.id)!.ok, 1);
  assert.equal(app.getSetting('window') !== null, true);
  assert.equal(cli.listItems(run.id).length, 3);
  assert.equal(cli.getRun(cliRun.id)!.status, 'running');
});

test('a reader in the middle of a read does not block a writer (WAL)', (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const writer = RunStore.open(file);
  t.after(() => writer.close());
  const run = writer.createRun(processRun());
  writer.addItems(run.id, pendingItems(50));

  const reader = new Database(file, { readonly: true });
  t.after(() => reader.close());
  assert.equal(reader.pragma('journal_mode', { simple: true }), 'wal');
  const rows = reader
    .prepare('SELECT seq FROM items WHERE run_id = ? ORDER BY seq')
    .pluck()
    .iterate(run.id);
  const seen: unknown[] = [rows.next().value];
  // In rollback-journal mode this write would wait out the busy timeout and fail (SQLITE_BUSY):
  // the reader's open statement holds a shared lock.
  writer.addItems(run.id, [
    { seq: 50, source: '/late.jpg', output: null, status: 'pending', error: null, bytesIn: null },
  ]);
  for (const seq of rows) seen.push(seq);
  // The reader kept its snapshot; the writer's item is there for the next read.
  assert.equal(seen.length, 50);
  assert.equal(reader.prepare('SELECT count(*) FROM items').pluck().get(), 51);
});

test('writeBatch can fail fast on a lock, and the usual busy wait applies again afterwards', async (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const store = RunStore.open(file);
  t.after(() => store.close());
  const run = store.createRun(processRun());
  const holder = await holdLockElsewhere(t, file, 1000);

  assert.throws(
    () => store.writeBatch(run.id, { items: pendingItems(1) }, { busyTimeoutMs: 0 }),
    (error: { code?: string }) => error.code === 'SQLITE_BUSY',
  );
  // Waits (synchronously) with the connection's own busy timeout until the holder lets go,
  // which would fail at once had the short timeout been left in place.
  store.addItems(run.id, pendingItems(2));
  await holder.released;
  assert.equal(store.getRun(run.id)!.total, 2);
});
