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
  assert.deepEqual(tables(db), ['items', 'presets', 'runs', 'settings', 'sweeps']);
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

const parentAndChild: Migration = {
  version: 1,
  name: 'parent-and-child',
  up: (db) =>
    db.exec(`
      CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE) STRICT;
      INSERT INTO parent VALUES (1), (2);
      INSERT INTO child VALUES (1), (2);
    `),
};

test('a rebuilding step runs with foreign keys off, and they are on again afterwards', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const seen: unknown[] = [];
  const rebuild: Migration = {
    version: 2,
    name: 'rebuild-parent',
    rebuildsTables: true,
    up(db) {
      seen.push(db.pragma('foreign_keys', { simple: true }));
      db.exec(`
        CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT) STRICT;
        INSERT INTO parent_new (id) SELECT id FROM parent;
        DROP TABLE parent;
        ALTER TABLE parent_new RENAME TO parent;
      `);
    },
  };
  migrate(db, [parentAndChild, rebuild]);
  assert.deepEqual(seen, [0]);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  // Dropping the old parent did not cascade to the children.
  assert.equal(db.prepare('SELECT count(*) FROM child').pluck().get(), 2);
});

test('a rebuild that leaves dangling references is rolled back; foreign keys are restored', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [parentAndChild]);
  const losesAParent: Migration = {
    version: 2,
    name: 'loses-a-parent',
    rebuildsTables: true,
    up: (db) => db.exec(`DELETE FROM parent WHERE id = 2`),
  };
  assert.throws(
    () => migrate(db, [parentAndChild, losesAParent]),
    /Expected no dangling references after rebuilding tables but received 1 \(first: child row 2\)/,
  );
  assert.equal(schemaVersion(db), 1);
  assert.equal(db.prepare('SELECT count(*) FROM parent').pluck().get(), 2);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
});

test('a connection with foreign keys off keeps them off after a rebuild', () => {
  const db = new Database(':memory:');
  // better-sqlite3 turns them on by default.
  db.pragma('foreign_keys = OFF');
  migrate(db);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 0);
});

test('a rebuild is refused inside an open transaction, where foreign keys cannot be turned off', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [parentAndChild]);
  const rebuild: Migration = { version: 2, name: 'r', rebuildsTables: true, up: () => {} };
  db.exec('BEGIN');
  assert.throws(() => migrate(db, [parentAndChild, rebuild]), /inside an open transaction/);
  db.exec('ROLLBACK');
  assert.equal(schemaVersion(db), 1);
});
