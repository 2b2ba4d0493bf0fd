import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migration0001 } from '../../../src/db/migrations/0001-runs-and-items.js';

function fresh(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration0001.up(db);
  return db;
}

const insertRun = `INSERT INTO runs (kind, status, started_at, inputs_json, out_dir, settings_json,
  workers, threads, machine_json, owner_pid, owner_host, resumed_from)
  VALUES (@kind, @status, '2024-01-01T00:00:00.000Z', @inputs, '/out', '{}', 2, 1, '{}', 1, 'h', @resumed)`;
const run = (over: Record<string, unknown> = {}) => ({
  kind: 'process',
  status: 'running',
  inputs: '[]',
  resumed: null,
  ...over,
});
const insertItem = `INSERT INTO items (run_id, seq, source, status) VALUES (?, ?, ?, ?)`;

function columns(db: Db, table: string): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);
}

test('creates STRICT runs and items tables with every column', () => {
  const db = fresh();
  const strict = db
    .prepare<[], { name: string; strict: number }>(
      `SELECT name, strict FROM pragma_table_list WHERE name IN ('runs', 'items')`,
    )
    .all();
  assert.deepEqual(strict.map((t) => [t.name, t.strict]).sort(), [
    ['items', 1],
    ['runs', 1],
  ]);
  assert.deepEqual(columns(db, 'runs'), [
    'id',
    'kind',
    'status',
    'label',
    'started_at',
    'finished_at',
    'inputs_json',
    'out_dir',
    'settings_json',
    'workers',
    'threads',
    'pipeline',
    'machine_json',
    'wall_ms',
    'cpu_ms',
    'peak_rss_engine',
    'peak_rss_worker',
    'peak_rss_total',
    'resumed_from',
    'owner_pid',
    'owner_host',
  ]);
  assert.deepEqual(columns(db, 'items'), [
    'id',
    'run_id',
    'seq',
    'source',
    'output',
    'status',
    'error',
    'bytes_in',
    'bytes_out',
    'width_in',
    'height_in',
    'width_out',
    'height_out',
    'worker_id',
    'attempts',
    'queued_ms',
    'start_ms',
    'end_ms',
    'read_ms',
    'ops_ms',
    'encode_ms',
    'saved_path',
    'final_url',
    'http_status',
    'dl_attempts',
    'dl_bytes',
    'dl_queued_ms',
    'dl_start_ms',
    'dl_first_byte_ms',
    'dl_end_ms',
  ]);
});

test('history and item reads use the indexes', () => {
  const db = fresh();
  const plan = (sql: string) =>
    db
      .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all()
      .map((r) => r.detail)
      .join('; ');
  assert.match(
    plan(`SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT 10`),
    /runs_by_start/,
  );
  assert.match(
    plan(`SELECT * FROM runs WHERE kind = 'process' ORDER BY started_at DESC, id DESC`),
    /runs_by_kind/,
  );
  assert.match(
    plan(`SELECT * FROM runs WHERE status = 'running' ORDER BY started_at DESC, id DESC`),
    /runs_by_status/,
  );
  assert.match(plan(`SELECT * FROM items WHERE run_id = 1 ORDER BY seq`), /items_by_run_seq/);
  assert.match(
    plan(`SELECT count(*) FROM items WHERE run_id = 1 AND status = 'ok'`),
    /items_by_run_status/,
  );
});

test('kind and status are checked, types are strict, JSON must be valid', () => {
  const db = fresh();
  const ins = db.prepare(insertRun);
  assert.throws(() => ins.run(run({ kind: 'paint' })), /CHECK constraint/);
  assert.throws(() => ins.run(run({ status: 'done' })), /CHECK constraint/);
  assert.throws(() => ins.run(run({ inputs: 'not json' })), /CHECK constraint/);
  const id = ins.run(run()).lastInsertRowid;
  assert.throws(
    () => db.prepare(`UPDATE runs SET workers = 'many' WHERE id = ?`).run(id),
    /cannot store TEXT value in INTEGER column/,
  );
  assert.throws(() => db.prepare(insertItem).run(id, 0, '/a.jpg', 'lost'), /CHECK constraint/);
});

test('items need an existing run, and seq is unique within a run', () => {
  const db = fresh();
  assert.throws(
    () => db.prepare(insertItem).run(999, 0, '/a.jpg', 'pending'),
    /FOREIGN KEY constraint/,
  );
  const a = db.prepare(insertRun).run(run()).lastInsertRowid;
  const b = db.prepare(insertRun).run(run()).lastInsertRowid;
  db.prepare(insertItem).run(a, 0, '/a.jpg', 'pending');
  db.prepare(insertItem).run(b, 0, '/a.jpg', 'pending');
  assert.throws(() => db.prepare(insertItem).run(a, 0, '/b.jpg', 'pending'), /UNIQUE constraint/);
});

test('deleting a run deletes its items and clears resumed_from of runs that resumed it', () => {
  const db = fresh();
  const first = db.prepare(insertRun).run(run()).lastInsertRowid;
  const resumed = db.prepare(insertRun).run(run({ resumed: first })).lastInsertRowid;
  db.prepare(insertItem).run(first, 0, '/a.jpg', 'ok');
  db.prepare(insertItem).run(resumed, 0, '/a.jpg', 'ok');
  db.prepare(`DELETE FROM runs WHERE id = ?`).run(first);
  assert.deepEqual(db.prepare(`SELECT run_id FROM items`).all(), [{ run_id: Number(resumed) }]);
  assert.deepEqual(db.prepare(`SELECT resumed_from FROM runs WHERE id = ?`).get(resumed), {
    resumed_from: null,
  });
});

test('run ids are never reused after a delete', () => {
  const db = fresh();
  const first = db.prepare(insertRun).run(run()).lastInsertRowid;
  db.prepare(`DELETE FROM runs WHERE id = ?`).run(first);
  const second = db.prepare(insertRun).run(run()).lastInsertRowid;
  assert.ok(Number(second) > Number(first));
});
