import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  MissingRecordError,
  classifyStoreError,
  describeStoreError,
  stayedUnwritableReason,
  troubleMessage,
} from '../../../src/db/store-errors.js';
import { tempDir } from './fixtures/store-fixtures.js';

/** The error `fn` throws; fails if it throws none. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

const file = '/home/ana/.config/Photobatch/photobatch.db';

test('a write lock held by another connection: locked, worth waiting for', (t) => {
  const db = path.join(tempDir(t), 'photobatch.db');
  const holder = new Database(db);
  const writer = new Database(db);
  t.after(() => {
    holder.close();
    writer.close();
  });
  holder.exec('CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE');
  writer.pragma('busy_timeout = 0');
  const error = thrown(() => writer.exec('BEGIN IMMEDIATE'));
  assert.deepEqual(classifyStoreError(error), { kind: 'locked', transient: true });
  assert.equal(
    describeStoreError(error, file),
    `the database ${file} is locked by another program ` +
      `(another copy of Photobatch, a database browser or a backup tool)`,
  );
  assert.match(troubleMessage(error, file), /; results are kept in memory until it is free$/);
  assert.equal(
    stayedUnwritableReason(error, file, 60_000),
    `the history could not be saved: ${file} stayed locked by another program for 60 s`,
  );
});

test('a full database: disk full, worth waiting for', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x BLOB)');
  // A page limit gives the real SQLITE_FULL a full disk would.
  db.pragma('max_page_count = 3');
  const error = thrown(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)));
  assert.equal((error as { code: string }).code, 'SQLITE_FULL');
  assert.deepEqual(classifyStoreError(error), { kind: 'disk-full', transient: true });
  assert.equal(describeStoreError(error, file), `the disk holding the database ${file} is full`);
  assert.match(troubleMessage(error, file), /until it can be written$/);
  assert.equal(
    stayedUnwritableReason(error, file, 1500),
    `the history could not be saved: the disk holding ${file} stayed full for 1.5 s`,
  );
});

test('a read-only database: read-only, worth waiting for', (t) => {
  const db = path.join(tempDir(t), 'photobatch.db');
  new Database(db).exec('CREATE TABLE t (x INTEGER)');
  const readonly = new Database(db, { readonly: true });
  t.after(() => readonly.close());
  const error = thrown(() => readonly.exec('INSERT INTO t VALUES (1)'));
  assert.deepEqual(classifyStoreError(error), { kind: 'read-only', transient: true });
  assert.match(
    describeStoreError(error, file),
    /cannot be written \(it or its folder is read-only\)/,
  );
});

test('a file that is not a database: damaged, not worth waiting for', (t) => {
  const db = path.join(tempDir(t), 'photobatch.db');
  writeFileSync(db, 'these are my holiday notes, not a database'.repeat(100));
  const notes = new Database(db);
  t.after(() => notes.close());
  const error = thrown(() => notes.prepare('SELECT * FROM sqlite_schema').all());
  assert.deepEqual(classifyStoreError(error), { kind: 'damaged', transient: false });
  assert.equal(
    describeStoreError(error, file),
    `the database ${file} is damaged or is not a Photobatch database`,
  );
});

test('a closed connection, a missing run and a refused row are not worth waiting for', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x INTEGER UNIQUE); INSERT INTO t VALUES (1)');
  const refused = thrown(() => db.exec('INSERT INTO t VALUES (1)'));
  assert.deepEqual(classifyStoreError(refused), { kind: 'other', transient: false });
  assert.equal(
    describeStoreError(refused, file),
    `the database ${file} refused a write (UNIQUE constraint failed: t.x)`,
  );
  db.close();
  const closed = thrown(() => db.exec('SELECT 1'));
  assert.deepEqual(classifyStoreError(closed), { kind: 'closed', transient: false });
  const missing = new MissingRecordError('Run 7 does not exist');
  assert.deepEqual(classifyStoreError(missing), { kind: 'missing', transient: false });
  assert.equal(
    describeStoreError(missing, file),
    `run 7 does not exist in the database ${file} (was it deleted while the run was going on?)`,
  );
});

test('extended result codes are classified by their primary code', () => {
  const { SqliteError } = Database;
  const kind = (code: string) => classifyStoreError(new SqliteError('x', code));
  assert.deepEqual(kind('SQLITE_BUSY_SNAPSHOT'), { kind: 'locked', transient: true });
  assert.deepEqual(kind('SQLITE_LOCKED_SHAREDCACHE'), { kind: 'locked', transient: true });
  assert.deepEqual(kind('SQLITE_IOERR_WRITE'), { kind: 'io', transient: true });
  assert.deepEqual(kind('SQLITE_CORRUPT_INDEX'), { kind: 'damaged', transient: false });
  // The file was moved or deleted under the connection: waiting cannot bring it back.
  assert.deepEqual(kind('SQLITE_READONLY_DBMOVED'), { kind: 'moved', transient: false });
  // Not a prefix match on a longer primary code.
  assert.deepEqual(kind('SQLITE_BUSYNESS'), { kind: 'other', transient: false });
  assert.deepEqual(classifyStoreError('a string'), { kind: 'other', transient: false });
});
