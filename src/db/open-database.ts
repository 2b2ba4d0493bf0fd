/**
 * Opens the Photobatch SQLite file with the pragmas the store relies on, then migrates it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { MIGRATIONS, migrate, requireCurrentSchema } from './migrations/index.js';
import type { Migration } from './migrations/index.js';

/** Options of `openDatabase`. */
export interface OpenDatabaseOptions {
  /** Open without writing: no folder created, no migration (the schema must be current). */
  readonly?: boolean;
  /** Migrations to apply; tests pass their own lists. */
  migrations?: readonly Migration[];
  /**
   * Path of a better_sqlite3.node to load instead of the installed one: the desktop app passes
   * a copy built for Electron's ABI, so the Node build stays for the CLI and tests.
   */
  nativeBinding?: string;
}

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

function isMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/**
 * Opens `path` (creating its folder) with WAL, foreign keys, a busy timeout and
 * synchronous=NORMAL, and applies pending migrations. The desktop app and the CLI may hold the
 * same file open at once: WAL lets readers and one writer proceed together, and the busy
 * timeout makes a second writer wait instead of failing.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const readonly = options.readonly ?? false;
  const migrations = options.migrations ?? MIGRATIONS;
  if (!readonly && !isMemory(path)) mkdirSync(dirname(path), { recursive: true });

  const db = new Database(path, {
    readonly,
    fileMustExist: readonly,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (readonly) {
      requireCurrentSchema(db, migrations);
    } else {
      // WAL is a property of the file: set once, it stays for every later connection.
      db.pragma('journal_mode = WAL');
      // Safe with WAL: a power cut may lose the last commits but never corrupts the file.
      db.pragma('synchronous = NORMAL');
      migrate(db, migrations);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
