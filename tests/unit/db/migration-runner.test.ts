import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import {
  MIGRATIONS,
  checkMigrationOrder,
  latestVersion,
  migrate,
  schemaVersion,
} from '../../../src/db/migrations/index.js';
import type { Migration } from '../../../src/db/migrations/index.js';

function tables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);
}

const createA: Migration = {
  version: 1,
  name: 'a',
  up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT'),
};
const createB: Migration = {
  version: 2,
  name: 'b',
  up: (db) => db.exec('CREATE TABLE b (x INTEGER) STRICT'),
};
const failing: Migration = {
  version: 3,
  name: 'breaks-halfway',
  up(db) {
    db.exec('CREATE TABLE c (x INTEGER) STRICT; INSERT INTO a VALUES (42);');
    throw new Error('disk on fire');
  },
};

test('a fresh database reaches the latest version with every table', () => {
  const db = new Database(':memory:');
  const result = migrate(db);
  assert.deepEqual(result, { from: 0, to: latestVersion() });
  assert.equal(schemaVersion(db), MIGRATIONS.at(-1)!.version);
  assert.deepEqual(tables(db), ['items', 'runs', 'settings']);
});

test('migrating again is a no-op', () => {
  const db = new Database(':memory:');
  migrate(db);
  const schemaBefore = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
  const latest = latestVersion();
  assert.deepEqual(migrate(db), { from: latest, to: latest });
  assert.deepEqual(
    db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
    schemaBefore,
  );
});

test('only pending migrations run', () => {
  const db = new Database(':memory:');
  migrate(db, [createA]);
  assert.deepEqual(migrate(db, [createA, createB]), { from: 1, to: 2 });
  assert.deepEqual(tables(db), ['a', 'b']);
});

test('a database from a newer version is refused with a clear message', () => {
  const db = new Database(':memory:');
  db.pragma(`user_version = ${latestVersion() + 5}`);
  assert.throws(
    () => migrate(db),
    new RegExp(
      `written by a newer version of Photobatch \\(schema ${latestVersion() + 5}, ` +
        `this version knows up to ${latestVersion()}\\)`,
    ),
  );
  assert.deepEqual(tables(db), []);
});

test('a failing migration leaves the database unchanged at its old version', () => {
  const db = new Database(':memory:');
  migrate(db, [createA]);
  assert.throws(
    () => migrate(db, [createA, createB, failing]),
    /Migration 3 \(breaks-halfway\) failed.*disk on fire/,
  );
  assert.equal(schemaVersion(db), 1);
  // Migration 2 succeeded before 3 failed, yet it is rolled back too: all or nothing.
  assert.deepEqual(tables(db), ['a']);
  assert.equal((db.prepare('SELECT count(*) AS n FROM a').get() as { n: number }).n, 0);
});

test('a failing migration on a fresh database leaves it empty at version 0', () => {
  const db = new Database(':memory:');
  assert.throws(() => migrate(db, [createA, createB, failing]));
  assert.equal(schemaVersion(db), 0);
  assert.deepEqual(tables(db), []);
});

test('migration versions must strictly increase', () => {
  assert.throws(() => checkMigrationOrder([createB, createA]), /increasing/);
  assert.throws(() => checkMigrationOrder([createA, { ...createB, version: 1 }]), /increasing/);
  assert.throws(() => checkMigrationOrder([{ ...createA, version: 0 }]), /increasing/);
  assert.doesNotThrow(() => checkMigrationOrder(MIGRATIONS));
  const db = new Database(':memory:');
  assert.throws(() => migrate(db, [createB, createA]), /increasing/);
  assert.equal(schemaVersion(db), 0);
});
