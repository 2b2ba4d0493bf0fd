import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate, schemaVersion } from '../../../src/db/migrations/index.js';

const before6 = MIGRATIONS.filter((m) => m.version < 6);
const through6 = MIGRATIONS.filter((m) => m.version <= 6);

function insertRun(db: Database.Database): number {
  return Number(
    db
      .prepare(
        `INSERT INTO runs (kind, status, label, started_at, inputs_json, out_dir, settings_json,
           workers, threads, pipeline, machine_json, resumed_from, owner_pid, owner_host)
         VALUES ('process', 'completed', NULL, 'x', '[]', '/out', '{}', 2, 1, 'fast', '{}', NULL, 1, 'h')`,
      )
      .run().lastInsertRowid,
  );
}

test('schema 6 adds runs.machines_json: old runs keep theirs null, new values must be JSON', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, before6);
  const old = insertRun(db);
  const from = schemaVersion(db);
  assert.deepEqual(migrate(db, through6), { from, to: 6 });
  const get = db.prepare(`SELECT machines_json FROM runs WHERE id = ?`).pluck();
  assert.equal(get.get(old), null);
  const fresh = insertRun(db);
  db.prepare(`UPDATE runs SET machines_json = ? WHERE id = ?`).run('[{"name":"A"}]', fresh);
  assert.equal(get.get(fresh), '[{"name":"A"}]');
  assert.throws(
    () => db.prepare(`UPDATE runs SET machines_json = ? WHERE id = ?`).run('not json', fresh),
    /CHECK constraint failed/,
  );
});
