/**
 * Partial item updates. An update names only the fields that changed, and the engine sends a
 * handful of shapes (queued, started, done, failed, downloaded…), so one UPDATE statement is
 * prepared per shape and reused, rather than one catch-all statement that rewrites every column.
 */
import type { Database, Statement } from 'better-sqlite3';
import { DOWNLOAD_COLUMNS, ITEM_COLUMNS } from './row-mapping.js';
import { MissingRecordError } from './store-errors.js';
import type { ItemUpdate } from './store-types.js';

// Shapes come from code, not data, so this is never reached in practice; it only bounds memory
// should a caller build shapes dynamically.
const MAX_CACHED_SHAPES = 256;

function hasOwn<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/** Applies `ItemUpdate`s with statements cached by the set of columns they touch. */
export class ItemUpdater {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Database) {}

  /**
   * Applies one update to item `seq` of run `runId` (through the unique index on both); throws
   * if the item does not exist or a field is not updatable.
   */
  apply(runId: number, update: ItemUpdate): void {
    if (!Number.isInteger(update.seq) || update.seq < 0) {
      throw new Error(
        `Expected a non-negative integer for item seq but received ${String(update.seq)}`,
      );
    }
    const columns: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(update)) {
      if (key === 'seq' || key === 'download' || value === undefined) continue;
      if (!hasOwn(ITEM_COLUMNS, key)) {
        throw new Error(`Expected an updatable item field but received "${key}"`);
      }
      columns.push(ITEM_COLUMNS[key]);
      values.push(value);
    }
    let touchesDownload = false;
    if (update.download) {
      touchesDownload = true;
      for (const [key, value] of Object.entries(update.download)) {
        if (value === undefined) continue;
        if (!hasOwn(DOWNLOAD_COLUMNS, key)) {
          throw new Error(`Expected an updatable download field but received "${key}"`);
        }
        columns.push(DOWNLOAD_COLUMNS[key]);
        values.push(value);
      }
    }
    if (columns.length === 0 && !touchesDownload) return;
    const result = this.statementFor(columns, touchesDownload).run(...values, runId, update.seq);
    if (result.changes === 0) {
      throw new MissingRecordError(`Item ${update.seq} of run ${runId} does not exist`);
    }
  }

  private statementFor(columns: readonly string[], touchesDownload: boolean): Statement<unknown[]> {
    const key = `${columns.join(',')}|${touchesDownload ? 'dl' : ''}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const sets = columns.map((c) => `${c} = ?`);
      // Any download field gives the item a download stage (dl_attempts NOT NULL marks one).
      if (touchesDownload && !columns.includes('dl_attempts')) {
        sets.push('dl_attempts = coalesce(dl_attempts, 0)');
      }
      statement = this.db.prepare<unknown[]>(
        `UPDATE items SET ${sets.join(', ')} WHERE run_id = ? AND seq = ?`,
      );
      if (this.statements.size >= MAX_CACHED_SHAPES) this.statements.clear();
      this.statements.set(key, statement);
    }
    return statement;
  }
}
