import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migration0001 } from '../../../src/db/migrations/0001-runs-and-items.js';
import { migration0002 } from '../../../src/db/migrations/0002-app-settings.js';
import { migration0003 } from '../../../src/db/migrations/0003-run-item-counts.js';

type Counts = { total: number; ok: number; failed: number; skipped: number };

function atVersion2(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migration0001.up(db);
  migration0002.up(db);
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

function addItems(db: Db, runId: number, statuses: string[]): void {
  const ins = db.prepare(`INSERT INTO items (run_id, seq, source, status) VALUES (?, ?, ?, ?)`);
  statuses.forEach((s, seq) => ins.run(runId, seq, `/in/${seq}.jpg`, s));
}

function counts(db: Db, runId: number): Counts {
  return db
    .prepare<[number], Counts>(`SELECT total, ok, failed, skipped FROM runs WHERE id = ?`)
    .get(runId)!;
}

test('fills the counts of runs that already have items', () => {
  const db = atVersion2();
  const a = addRun(db);
  const b = addRun(db);
  addItems(db, a, ['ok', 'ok', 'failed', 'skipped', 'pending']);
  migration0003.up(db);
  assert.deepEqual(counts(db, a), { total: 5, ok: 2, failed: 1, skipped: 1 });
  assert.deepEqual(counts(db, b), { total: 0, ok: 0, failed: 0, skipped: 0 });
});

test('keeps the counts in step with inserts, status changes and deletes', () => {
  const db = atVersion2();
  migration0003.up(db);
  const a = addRun(db);
  const b = addRun(db);
  addItems(db, a, ['pending', 'pending', 'pending', 'skipped']);
  addItems(db, b, ['ok']);
  assert.deepEqual(counts(db, a), { total: 4, ok: 0, failed: 0, skipped: 1 });

  db.prepare(`UPDATE items SET status = 'ok' WHERE run_id = ? AND seq IN (0, 1)`).run(a);
  db.prepare(`UPDATE items SET status = 'failed' WHERE run_id = ? AND seq = 2`).run(a);
  // A write that leaves the status as it was must not count twice.
  db.prepare(`UPDATE items SET status = 'ok', bytes_out = 5 WHERE run_id = ? AND seq = 0`).run(a);
  assert.deepEqual(counts(db, a), { total: 4, ok: 2, failed: 1, skipped: 1 });

  db.prepare(`DELETE FROM items WHERE run_id = ? AND seq = 3`).run(a);
  assert.deepEqual(counts(db, a), { total: 3, ok: 2, failed: 1, skipped: 0 });
  assert.deepEqual(counts(db, b), { total: 1, ok: 1, failed: 0, skipped: 0 });
});

test('the counts always equal a fresh count of the items', () => {
  const db = atVersion2();
  migration0003.up(db);
  const a = addRun(db);
  const statuses = ['pending', 'ok', 'failed', 'skipped'];
  addItems(
    db,
    a,
    Array.from({ length: 200 }, (_, i) => statuses[i % 4]!),
  );
  const set = db.prepare(`UPDATE items SET status = ? WHERE run_id = ? AND seq = ?`);
  for (let i = 0; i < 200; i += 3) set.run(statuses[(i * 7) % 4], a, i);
  const fresh = db
    .prepare<[number], Counts>(
      `SELECT count(*) AS total, sum(status = 'ok') AS ok, sum(status = 'failed') AS failed,
         sum(status = 'skipped') AS skipped FROM items WHERE run_id = ?`,
    )
    .get(a);
  assert.deepEqual(counts(db, a), fresh);
});
