import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { RunStore } from '../../../src/db/run-store.js';
import { pendingItems, processRun, tempDir } from './fixtures/store-fixtures.js';

test('two stores on one file see each other’s writes', (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const app = RunStore.open(file);
  const cli = RunStore.open(file);
  t.after(() => {
    app.close();
    cli.close();
  });

  const run = app.createRun(processRun({ label: 'from the app' }));
  const ids = app.addItems(run.id, pendingItems(3));
  const cliRun = cli.createRun(processRun({ label: 'from the CLI' }));
  cli.updateItems([{ id: ids[0]!, status: 'ok' }]);
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
  const added = writer.addItems(run.id, [
    { seq: 50, source: '/late.jpg', output: null, status: 'pending', error: null, bytesIn: null },
  ]);
  for (const seq of rows) seen.push(seq);
  // The reader kept its snapshot; the writer's item is there for the next read.
  assert.equal(seen.length, 50);
  assert.equal(added.length, 1);
  assert.equal(reader.prepare('SELECT count(*) FROM items').pluck().get(), 51);
});
