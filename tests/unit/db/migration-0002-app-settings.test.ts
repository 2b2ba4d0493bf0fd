import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migration0002 } from '../../../src/db/migrations/0002-app-settings.js';

test('creates a STRICT key/value settings table holding JSON text', () => {
  const db = new Database(':memory:');
  migration0002.up(db);
  assert.deepEqual(
    db.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'settings'`).get(),
    { strict: 1 },
  );
  const put = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 'now')`);
  put.run('window', '{"width":1200}');
  assert.deepEqual(db.prepare(`SELECT value FROM settings WHERE key = 'window'`).get(), {
    value: '{"width":1200}',
  });
  assert.throws(() => put.run('window', '{}'), /UNIQUE constraint|PRIMARY KEY/);
  assert.throws(() => put.run('broken', '{width:'), /CHECK constraint/);
  assert.throws(() => put.run(null, '1'), /NOT NULL constraint/);
});
