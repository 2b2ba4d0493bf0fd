import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { MIGRATIONS, migrate, schemaVersion } from '../../../src/db/migrations/index.js';
import { migration0004 } from '../../../src/db/migrations/0004-run-failures.js';

type Counts = { total: number; ok: number; failed: number; skipped: number };

const atVersion3 = MIGRATIONS.filter((m) => m.version <= 3);
// Later steps add columns of their own; this file checks step 4's result.
const atVersion4 = MIGRATIONS.filter((m) => m.version <= 4);

const insertRun = `INSERT INTO runs (kind, status, started_at, inputs_json, out_dir, settings_json,
  workers, threads, machine_json, owner_pid, owner_host, resumed_from, label)
  VALUES ('process', @status, @started, '["/in"]', '/out', '{}', 2, 1, '{}', 1, 'h', @resumed,
    @label)`;
const insertItem = `INSERT INTO items (run_id, seq, source, status) VALUES (?, ?, ?, ?)`;

/**
 * A schema-3 database as a user has it: a finished run with items, a run that resumed it, and
 * a deleted run that held the highest id.
 */
function populatedV3(): { db: Db; first: number; resumed: number; deletedId: number } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, atVersion3);
  const run = db.prepare(insertRun);
  const add = (status: string, resumed: number | null, label: string) =>
    Number(
      run.run({ status, started: `2024-01-0${label.length}T00:00:00Z`, resumed, label })
        .lastInsertRowid,
    );
  const first = add('cancelled', null, 'a');
  const resumed = add('running', first, 'bb');
  const deletedId = add('completed', null, 'ccc');
  db.prepare(`DELETE FROM runs WHERE id = ?`).run(deletedId);
  const item = db.prepare(insertItem);
  ['ok', 'ok', 'failed', 'skipped', 'pending'].forEach((s, seq) =>
    item.run(first, seq, `/in/${seq}.jpg`, s),
  );
  item.run(resumed, 0, '/in/4.jpg', 'ok');
  return { db, first, resumed, deletedId };
}

const all = (db: Db, sql: string) => db.prepare(sql).all();
const counts = (db: Db, id: number) =>
  db.prepare<[number], Counts>(`SELECT total, ok, failed, skipped FROM runs WHERE id = ?`).get(id)!;

/** Indexes and triggers, their SQL with whitespace folded (a rebuild restates them). */
function dependents(db: Db): { type: string; name: string; sql: string }[] {
  return db
    .prepare<[], { type: string; name: string; sql: string }>(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name`,
    )
    .all()
    .map((r) => ({ ...r, sql: r.sql.replace(/\s+/g, ' ') }));
}

test('migrates a schema-3 database keeping every run, item, id, count and reference', () => {
  const { db, first, resumed } = populatedV3();
  const runsBefore = all(db, `SELECT * FROM runs ORDER BY id`) as Record<string, unknown>[];
  const itemsBefore = all(db, `SELECT * FROM items ORDER BY id`);
  const dependentsBefore = dependents(db);
  assert.equal(itemsBefore.length, 6);

  assert.deepEqual(migrate(db, atVersion4), { from: 3, to: 4 });
  assert.equal(schemaVersion(db), 4);
  assert.deepEqual(
    all(db, `SELECT * FROM runs ORDER BY id`),
    runsBefore.map((r) => ({ ...r, error: null })),
  );
  assert.deepEqual(all(db, `SELECT * FROM items ORDER BY id`), itemsBefore);
  assert.deepEqual(counts(db, first), { total: 5, ok: 2, failed: 1, skipped: 1 });
  assert.equal(
    db.prepare(`SELECT resumed_from FROM runs WHERE id = ?`).pluck().get(resumed),
    first,
  );
  // The same indexes and triggers as before, word for word.
  assert.deepEqual(dependents(db), dependentsBefore);
  assert.equal(
    db.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'runs'`).pluck().get(),
    1,
  );
  // Foreign keys are on again and nothing dangles.
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.deepEqual(db.pragma('foreign_key_check'), []);
});

test('a run may now be failed with its reason; unknown statuses are still refused', () => {
  const { db } = populatedV3();
  migrate(db);
  const ins = db.prepare(insertRun);
  const id = ins.run({
    status: 'failed',
    started: 'x',
    resumed: null,
    label: null,
  }).lastInsertRowid;
  db.prepare(`UPDATE runs SET error = ? WHERE id = ?`).run('the output disk is full', id);
  assert.deepEqual(db.prepare(`SELECT status, error FROM runs WHERE id = ?`).get(id), {
    status: 'failed',
    error: 'the output disk is full',
  });
  assert.throws(
    () => ins.run({ status: 'done', started: 'x', resumed: null, label: null }),
    /CHECK constraint/,
  );
  assert.throws(
    () => db.prepare(`UPDATE runs SET kind = 'paint' WHERE id = ?`).run(id),
    /CHECK constraint/,
  );
  assert.throws(
    () => db.prepare(`UPDATE runs SET error = x'00' WHERE id = ?`).run(id),
    /cannot store BLOB value in TEXT column/,
  );
});

test('after the rebuild, ids continue past the deleted one and the triggers still count', () => {
  const { db, resumed, deletedId } = populatedV3();
  migrate(db);
  const next = Number(
    db.prepare(insertRun).run({ status: 'running', started: 'x', resumed: null, label: null })
      .lastInsertRowid,
  );
  // AUTOINCREMENT kept its high-water mark: the deleted run's id is not given again.
  assert.equal(next, deletedId + 1);

  db.prepare(insertItem).run(resumed, 1, '/in/5.jpg', 'pending');
  db.prepare(`UPDATE items SET status = 'failed' WHERE run_id = ? AND seq = 1`).run(resumed);
  assert.deepEqual(counts(db, resumed), { total: 2, ok: 1, failed: 1, skipped: 0 });
  db.prepare(`DELETE FROM items WHERE run_id = ? AND seq = 0`).run(resumed);
  assert.deepEqual(counts(db, resumed), { total: 1, ok: 0, failed: 1, skipped: 0 });
});

test('foreign keys still act on the rebuilt table: cascade and SET NULL', () => {
  const { db, first, resumed } = populatedV3();
  migrate(db);
  assert.throws(() => db.prepare(insertItem).run(999, 0, '/a.jpg', 'ok'), /FOREIGN KEY/);
  db.prepare(`DELETE FROM runs WHERE id = ?`).run(first);
  assert.equal(db.prepare(`SELECT count(*) FROM items WHERE run_id = ?`).pluck().get(first), 0);
  assert.equal(db.prepare(`SELECT resumed_from FROM runs WHERE id = ?`).pluck().get(resumed), null);
});

test('history reads still use the run indexes', () => {
  const { db } = populatedV3();
  migrate(db);
  const plan = (sql: string) =>
    db
      .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all()
      .map((r) => r.detail)
      .join('; ');
  assert.match(
    plan(`SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT 9`),
    /runs_by_start/,
  );
  assert.match(
    plan(`SELECT * FROM runs WHERE status = 'failed' ORDER BY started_at DESC, id DESC`),
    /runs_by_status/,
  );
  assert.match(plan(`SELECT id FROM runs WHERE resumed_from = 1`), /runs_by_resumed_from/);
});

test('a fresh database reaches schema 4 in one go', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  assert.deepEqual(migrate(db, atVersion4), { from: 0, to: 4 });
  const columns = db.prepare(`SELECT name FROM pragma_table_info('runs')`).pluck().all();
  assert.ok(columns.includes('error'));
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
});

test('why the runner turns foreign keys off: with them on, the rebuild would delete every item', () => {
  const { db } = populatedV3();
  migrate(db, [...atVersion3, { ...migration0004, rebuildsTables: false }]);
  assert.equal(db.prepare(`SELECT count(*) FROM items`).pluck().get(), 0);
});
