/**
 * The migration runner (after Signal-Desktop's `migrations/index.node.ts`): numbered steps in
 * code, `PRAGMA user_version` as the schema version, all pending steps in one transaction.
 * Steps that rebuild a table run with foreign keys off and are checked before the commit.
 */
import type { Database } from 'better-sqlite3';
import { migration0001 } from './0001-runs-and-items.js';
import { migration0002 } from './0002-app-settings.js';
import { migration0003 } from './0003-run-item-counts.js';
import { migration0004 } from './0004-run-failures.js';
import { migration0005 } from './0005-item-frames-and-output-times.js';
import { migration0006 } from './0006-run-machines.js';
import { migration0007 } from './0007-sweeps-and-estimates.js';
import { migration0009 } from './0009-run-size-totals.js';
import { migration0010 } from './0010-presets.js';

/** One schema step. `up` runs inside the runner's transaction, so it must not open its own. */
export interface Migration {
  /** Schema version this step brings the database to; strictly increasing along the list. */
  readonly version: number;
  /** Short name, used in error messages. */
  readonly name: string;
  /**
   * The step rebuilds a table (SQLite's 12-step ALTER: create, copy, drop, rename). The runner
   * then turns foreign keys off around its transaction, since `DROP TABLE` of a referenced table
   * with them on deletes the rows first and cascades to every referencing row, and runs
   * `PRAGMA foreign_key_check` before committing so the rebuild cannot leave dangling references.
   */
  readonly rebuildsTables?: boolean;
  readonly up: (db: Database) => void;
}

/** Every migration this build knows, oldest first. Append only: never edit a shipped step. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0009,
  migration0010,
];

/** What `migrate` did. */
export interface MigrationResult {
  /** Schema version found when the database was opened. */
  readonly from: number;
  /** Schema version after migrating. */
  readonly to: number;
}

/** Highest schema version in `migrations`, or 0 for an empty list. */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws unless versions are positive integers in strictly increasing order. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(
        `Expected migration versions to be integers increasing from 1 but received ${m.version} ` +
          `(${m.name}) after ${previous}`,
      );
    }
    previous = m.version;
  }
}

/** Reads `PRAGMA user_version`. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewer(db: Database, found: number, latest: number): void {
  if (found > latest) {
    throw new Error(
      `The database ${db.name} was written by a newer version of Photobatch ` +
        `(schema ${found}, this version knows up to ${latest}). ` +
        `Update Photobatch, or choose another database with --db or PHOTOBATCH_DB.`,
    );
  }
}

/**
 * Turns foreign keys off for a table rebuild and returns how to put them back. The pragma is a
 * silent no-op inside a transaction, so that case is refused rather than rebuilt with them on.
 */
function foreignKeysOff(db: Database): () => void {
  const wasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (!wasOn) return () => {};
  if (db.inTransaction) {
    throw new Error(
      `Cannot upgrade ${db.name} inside an open transaction: ` +
        `a table rebuild needs foreign keys off, which SQLite only allows outside one`,
    );
  }
  db.pragma('foreign_keys = OFF');
  return () => db.pragma('foreign_keys = ON');
}

function checkForeignKeys(db: Database): void {
  const violations = db.pragma('foreign_key_check') as { table: string; rowid: number }[];
  if (violations.length > 0) {
    const first = violations[0]!;
    throw new Error(
      `Expected no dangling references after rebuilding tables but received ` +
        `${violations.length} (first: ${first.table} row ${first.rowid})`,
    );
  }
}

/**
 * Brings `db` to the latest schema. Refuses a database from a newer build. Pending steps run in
 * one IMMEDIATE transaction: a failing step leaves the database exactly at its old version, and
 * two processes opening a fresh file at once (desktop app and CLI) cannot both migrate it.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  checkMigrationOrder(migrations);
  const latest = latestVersion(migrations);
  // Cheap check outside the write lock, so a read-mostly open of an up-to-date file takes no lock.
  const seen = schemaVersion(db);
  refuseNewer(db, seen, latest);
  if (seen === latest) return { from: seen, to: seen };

  // Decided from what was seen outside the lock: under it, another process may have applied
  // some steps already, which only leaves fewer to run.
  const rebuilds = migrations.some((m) => m.version > seen && m.rebuildsTables === true);
  const run = db.transaction((): MigrationResult => {
    // Read again under the lock: another process may have migrated since.
    const from = schemaVersion(db);
    refuseNewer(db, from, latest);
    for (const m of migrations) {
      if (m.version <= from) continue;
      try {
        m.up(db);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${m.version} (${m.name}) failed on ${db.name}: ${reason}`, {
          cause: error,
        });
      }
    }
    if (rebuilds) checkForeignKeys(db);
    // user_version lives in the file header and is written by this transaction like any page.
    db.pragma(`user_version = ${latest}`);
    return { from, to: latest };
  });
  if (!rebuilds) return run.immediate();
  const restoreForeignKeys = foreignKeysOff(db);
  try {
    return run.immediate();
  } finally {
    restoreForeignKeys();
  }
}

/**
 * For a read-only connection, which cannot migrate: throws unless the file is at exactly the
 * schema this build knows.
 */
export function requireCurrentSchema(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const found = schemaVersion(db);
  const latest = latestVersion(migrations);
  refuseNewer(db, found, latest);
  if (found < latest) {
    throw new Error(
      `The database ${db.name} has schema ${found} but this version needs ${latest}; ` +
        `open it once read-write to upgrade it.`,
    );
  }
}
