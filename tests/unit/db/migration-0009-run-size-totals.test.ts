import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/db/migrations/index.js';
import { migration0009 } from '../../../src/db/migrations/0009-run-size-totals.js';

function before9(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS) if (m.version < 9) m.up(db);
  return db;
}

function addRun(db: Db): number {
  return Number(
    db
      .prepare(
        `INSERT INTO runs (kind, status, started_at, inputs_json, out_dir, settings_json, workers,
           threads, machine_json, owner_pid, owner_host)
         VALUES ('process', 'running', '2024-01-01T00:00:00Z', '[]', '/o', '{}', 1, 1, '{}', 1, 'h')`,
      )
      .run().lastInsertRowid,
  );
}

type Item = [status: string, bytesIn: number | null, bytesOut: number | null];

function addItems(db: Db, runId: number, items: Item[], from = 0): void {
  const ins = db.prepare(
    `INSERT INTO items (run_id, seq, source, status, bytes_in, bytes_out) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  items.forEach(([s, i, o], n) => ins.run(runId, from + n, `/in/${from + n}.jpg`, s, i, o));
}

function sizes(db: Db, runId: number) {
  return db
    .prepare<[number], { bytes_in: number; bytes_out: number }>(
      `SELECT bytes_in, bytes_out FROM runs WHERE id = ?`,
    )
    .get(runId)!;
}

test('0009 fills the totals of existing runs from their ok items with both sizes', () => {
  const db = before9();
  const run = addRun(db);
  addItems(db, run, [
    ['ok', 1000, 200],
    ['ok', 500, 100],
    ['failed', 700, null],
    ['ok', 300, null],
    ['pending', 50, null],
  ]);
  migration0009.up(db);
  assert.deepEqual(sizes(db, run), { bytes_in: 1500, bytes_out: 300 });
});

test('0009 triggers follow inserts, updates (to ok, away from ok, new sizes) and deletes', () => {
  const db = before9();
  migration0009.up(db);
  const run = addRun(db);
  const other = addRun(db);
  addItems(db, run, [
    ['pending', 1000, null],
    ['pending', 400, null],
    ['ok', 10, 5],
  ]);
  addItems(db, other, [['ok', 77, 7]]);
  assert.deepEqual(sizes(db, run), { bytes_in: 10, bytes_out: 5 });
  const update = db.prepare(
    `UPDATE items SET status = ?, bytes_out = ? WHERE run_id = ? AND seq = ?`,
  );
  update.run('ok', 250, run, 0);
  assert.deepEqual(sizes(db, run), { bytes_in: 1010, bytes_out: 255 });
  update.run('failed', null, run, 1);
  assert.deepEqual(sizes(db, run), { bytes_in: 1010, bytes_out: 255 });
  // A resumed item done again: its new sizes replace the old ones.
  db.prepare(`UPDATE items SET bytes_out = 300 WHERE run_id = ? AND seq = 0`).run(run);
  assert.deepEqual(sizes(db, run), { bytes_in: 1010, bytes_out: 305 });
  // Back to pending (a retry): it no longer counts.
  update.run('pending', null, run, 0);
  assert.deepEqual(sizes(db, run), { bytes_in: 10, bytes_out: 5 });
  db.prepare(`DELETE FROM items WHERE run_id = ? AND seq = 2`).run(run);
  assert.deepEqual(sizes(db, run), { bytes_in: 0, bytes_out: 0 });
  assert.deepEqual(sizes(db, other), { bytes_in: 77, bytes_out: 7 });
  db.prepare(`DELETE FROM runs WHERE id = ?`).run(other);
});
