/**
 * What went wrong with a store write, in words a user understands, and whether waiting can help.
 * Decided from SQLite's result codes (`error.code`, extended codes included), never from message
 * text, so it holds across SQLite versions and languages.
 */

/** A run or item the store was asked to write no longer exists (e.g. the run was deleted). */
export class MissingRecordError extends Error {
  override readonly name = 'MissingRecordError';
}

/** What kind of trouble a store error is. */
export type StoreErrorKind =
  | 'locked'
  | 'disk-full'
  | 'read-only'
  | 'io'
  | 'moved'
  | 'damaged'
  | 'missing'
  | 'closed'
  | 'other';

/** A store error, classified. */
export interface StoreErrorInfo {
  kind: StoreErrorKind;
  /**
   * Whether trying again later may succeed: another program lets go of the lock, space is
   * freed, a drive comes back. False for what cannot heal by waiting.
   */
  transient: boolean;
}

function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

// Extended codes carry the primary code as prefix: SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE…
const hasPrimary = (code: string, primary: string) =>
  code === primary || code.startsWith(`${primary}_`);

/** Classifies any error thrown by a store write. */
export function classifyStoreError(error: unknown): StoreErrorInfo {
  if (error instanceof MissingRecordError) return { kind: 'missing', transient: false };
  const code = sqliteCode(error);
  if (code === null) {
    // better-sqlite3 throws a TypeError, not a SqliteError, once its connection is closed.
    const closed =
      error instanceof TypeError && /database connection is not open/i.test(error.message);
    return { kind: closed ? 'closed' : 'other', transient: false };
  }
  if (hasPrimary(code, 'SQLITE_BUSY') || hasPrimary(code, 'SQLITE_LOCKED')) {
    return { kind: 'locked', transient: true };
  }
  if (code === 'SQLITE_FULL') return { kind: 'disk-full', transient: true };
  if (code === 'SQLITE_READONLY_DBMOVED') return { kind: 'moved', transient: false };
  if (hasPrimary(code, 'SQLITE_READONLY')) return { kind: 'read-only', transient: true };
  if (
    hasPrimary(code, 'SQLITE_IOERR') ||
    hasPrimary(code, 'SQLITE_CANTOPEN') ||
    code === 'SQLITE_PROTOCOL' ||
    code === 'SQLITE_NOMEM'
  ) {
    return { kind: 'io', transient: true };
  }
  if (hasPrimary(code, 'SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return { kind: 'damaged', transient: false };
  }
  return { kind: 'other', transient: false };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * One line saying what is wrong with the database at `dbPath`, for any error of a store write
 * (createRun, deleteRun, setSetting, a run's items): "the database /x/photobatch.db is locked
 * by another program (…)". No stack, no SQLite jargon beyond the driver's own short reason.
 */
export function describeStoreError(error: unknown, dbPath: string): string {
  const db = `the database ${dbPath}`;
  switch (classifyStoreError(error).kind) {
    case 'locked':
      return `${db} is locked by another program (another copy of Photobatch, a database browser or a backup tool)`;
    case 'disk-full':
      return `the disk holding ${db} is full`;
    case 'read-only':
      return `${db} cannot be written (it or its folder is read-only)`;
    case 'io':
      return `${db} could not be read or written (${messageOf(error)})`;
    case 'moved':
      return `${db} was moved or deleted while Photobatch had it open`;
    case 'damaged':
      return `${db} is damaged or is not a Photobatch database`;
    case 'missing':
      return `${lowerFirst(messageOf(error))} in ${db} (was it deleted while the run was going on?)`;
    case 'closed':
      return `${db} was closed before everything was written to it`;
    case 'other':
      return `${db} refused a write (${messageOf(error)})`;
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** What the writer says when writes start failing but may heal: results wait in memory. */
export function troubleMessage(error: unknown, dbPath: string): string {
  const until = classifyStoreError(error).kind === 'locked' ? 'it is free' : 'it can be written';
  return `${describeStoreError(error, dbPath)}; results are kept in memory until ${until}`;
}

/** Why a history was not saved after the database stayed unwritable for `forMs`. */
export function stayedUnwritableReason(error: unknown, dbPath: string, forMs: number): string {
  const info = classifyStoreError(error);
  const lasting = duration(forMs);
  const why =
    info.kind === 'locked'
      ? `${dbPath} stayed locked by another program for ${lasting}`
      : info.kind === 'disk-full'
        ? `the disk holding ${dbPath} stayed full for ${lasting}`
        : info.kind === 'read-only'
          ? `${dbPath} stayed read-only for ${lasting}`
          : `${dbPath} could not be written for ${lasting} (${messageOf(error)})`;
  return `the history could not be saved: ${why}`;
}

/** Why a history was not saved after an error that waiting cannot heal. */
export function notSavedReason(error: unknown, dbPath: string): string {
  return `the history could not be saved: ${describeStoreError(error, dbPath)}`;
}
