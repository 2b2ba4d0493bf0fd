/**
 * Schema 9: a run's bytes in and out, kept on the run row by triggers like the item counts of
 * schema 3, so History can list and sort runs by size and saving without summing every item of
 * every run it lists (the reason schema 3 keeps its counts the same way).
 *
 * What counts is `countsTowardSize` in src/shared/savings.ts: an item that ended ok with both its
 * input's and its output's size known. `contribution` below is the same rule in SQL.
 */
import type { Migration } from './index.js';

/** The bytes an item adds to its run's totals, for `side` ('in' or 'out') of row `row`. */
function contribution(row: 'NEW' | 'OLD', side: 'in' | 'out'): string {
  return (
    `(CASE WHEN ${row}.status = 'ok' AND ${row}.bytes_in IS NOT NULL AND ${row}.bytes_out IS NOT NULL ` +
    `THEN ${row}.bytes_${side} ELSE 0 END)`
  );
}

const add = (row: 'NEW' | 'OLD', sign: '+' | '-', runRow: 'NEW' | 'OLD') => `
  UPDATE runs SET
    bytes_in = bytes_in ${sign} ${contribution(row, 'in')},
    bytes_out = bytes_out ${sign} ${contribution(row, 'out')}
  WHERE id = ${runRow}.run_id;`;

/** Adds `runs.bytes_in/bytes_out`, fills them from existing items, and adds the triggers. */
export const migration0009: Migration = {
  version: 9,
  name: 'run-size-totals',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN bytes_in INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE runs ADD COLUMN bytes_out INTEGER NOT NULL DEFAULT 0;

      UPDATE runs SET
        bytes_in = (SELECT coalesce(sum(${contribution('NEW', 'in').replaceAll('NEW.', 'i.')}), 0)
                    FROM items i WHERE i.run_id = runs.id),
        bytes_out = (SELECT coalesce(sum(${contribution('NEW', 'out').replaceAll('NEW.', 'i.')}), 0)
                     FROM items i WHERE i.run_id = runs.id);

      CREATE TRIGGER items_size_insert AFTER INSERT ON items
      WHEN NEW.status = 'ok' BEGIN ${add('NEW', '+', 'NEW')} END;

      CREATE TRIGGER items_size_update AFTER UPDATE OF status, bytes_in, bytes_out, run_id ON items
      WHEN OLD.status = 'ok' OR NEW.status = 'ok' BEGIN
        ${add('OLD', '-', 'OLD')}
        ${add('NEW', '+', 'NEW')}
      END;

      -- Also fires for ON DELETE CASCADE, where the run row is already gone (a no-op update).
      CREATE TRIGGER items_size_delete AFTER DELETE ON items
      WHEN OLD.status = 'ok' BEGIN ${add('OLD', '-', 'OLD')} END;
    `);
  },
};
