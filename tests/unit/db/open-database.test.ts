import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../../src/db/open-database.js';
import { latestVersion, schemaVersion } from '../../../src/db/migrations/index.js';
import { tempDir } from './fixtures/store-fixtures.js';

test('creates the folder, sets the pragmas and migrates', (t) => {
  const file = path.join(tempDir(t), 'a', 'b', 'photobatch.db');
  const db = openDatabase(file);
  t.after(() => db.close());
  assert.ok(existsSync(file));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('busy_timeout', { simple: true }), BUSY_TIMEOUT_MS);
  assert.equal(db.pragma('synchronous', { simple: true }), 1); // NORMAL
  assert.equal(schemaVersion(db), latestVersion());
});

test('refuses, and lets go of, a database written by a newer version', (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const future = new Database(file);
  future.pragma(`user_version = ${latestVersion() + 1}`);
  future.close();
  assert.throws(() => openDatabase(file), /newer version of Photobatch/);
  assert.throws(() => openDatabase(file, { readonly: true }), /newer version of Photobatch/);
  // Still at the future version: nothing was written.
  const check = new Database(file, { readonly: true });
  t.after(() => check.close());
  assert.equal(schemaVersion(check), latestVersion() + 1);
});

test('read-only opens need an existing file at the current schema', (t) => {
  const dir = tempDir(t);
  assert.throws(() => openDatabase(path.join(dir, 'missing.db'), { readonly: true }));
  assert.ok(!existsSync(path.join(dir, 'missing.db')));
  const old = path.join(dir, 'old.db');
  new Database(old).close();
  assert.throws(() => openDatabase(old, { readonly: true }), /open it once read-write/);
});
