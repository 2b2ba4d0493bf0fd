import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/db/migrations/index.js';
import { migration0010 } from '../../../src/db/migrations/0010-presets.js';

test('migration 10 adds presets with names unique whatever their case, on a database of schema 9', () => {
  const db = new Database(':memory:');
  for (const m of MIGRATIONS) if (m.version < 10) m.up(db);
  migration0010.up(db);
  const insert = db.prepare(
    `INSERT INTO presets (name, settings_json, created_at, updated_at) VALUES (?, ?, 'now', 'now')`,
  );
  insert.run('Mine', '{"quality":70}');
  assert.throws(() => insert.run('MINE', '{}'), /UNIQUE constraint failed: presets\.name/);
  assert.throws(() => insert.run('  ', '{}'), /CHECK constraint failed/);
  assert.throws(() => insert.run('Other', 'not json'), /CHECK constraint failed/);
  assert.deepEqual(db.prepare(`SELECT name FROM presets WHERE name = 'mine'`).all(), [
    { name: 'Mine' },
  ]);
});
