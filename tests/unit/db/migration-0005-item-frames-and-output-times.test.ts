import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate, schemaVersion } from '../../../src/db/migrations/index.js';

const atVersion4 = MIGRATIONS.filter((m) => m.version <= 4);

function populatedV4() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, atVersion4);
  const runId = Number(
    db
      .prepare(
        `INSERT INTO runs (kind, status, started_at, inputs_json, out_dir, settings_json, workers,
           threads, machine_json, owner_pid, owner_host)
         VALUES ('process', 'completed', '2024-01-01T00:00:00Z', '[]', '/o', '{}', 1, 1, '{}', 1, 'h')`,
      )
      .run().lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO items (run_id, seq, source, status, bytes_out) VALUES (?, 0, '/in/a.gif', 'ok', 10)`,
  ).run(runId);
  return { db, runId };
}

test('adds frames and output_mtime_ms; older items keep every value and start null', () => {
  const { db, runId } = populatedV4();
  const before = db.prepare(`SELECT * FROM items`).all() as Record<string, unknown>[];
  assert.deepEqual(
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 5),
    ),
    { from: 4, to: 5 },
  );
  assert.equal(schemaVersion(db), 5);
  assert.deepEqual(
    db.prepare(`SELECT * FROM items`).all(),
    before.map((row) => ({ ...row, frames: null, output_mtime_ms: null })),
  );
  db.prepare(`UPDATE items SET frames = 3, output_mtime_ms = 1700000000123.5 WHERE run_id = ?`).run(
    runId,
  );
  assert.deepEqual(db.prepare(`SELECT frames, output_mtime_ms FROM items`).get(), {
    frames: 3,
    output_mtime_ms: 1700000000123.5,
  });
});

test('a frame count below 1 is refused', () => {
  const { db } = populatedV4();
  migrate(db);
  assert.throws(() => db.prepare(`UPDATE items SET frames = 0`).run(), /CHECK constraint/);
});
