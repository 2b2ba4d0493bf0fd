/**
 * Schema 5: what an item's output was when it was written, and how many frames its input had.
 *
 * Why: a resumed run counted an item done because the database said so, even when its output
 * had been deleted since ("completed 16/16" with 14 of 30 outputs missing). An item now counts as
 * done only if its output is still on disk with the size (`bytes_out`) and modification time
 * (`output_mtime_ms`) it was written with. `frames`: the README promised the frame count of
 * animated inputs (only the first frame is processed), and nothing stored it. Both start null
 * for older items: a resume then checks the size alone.
 */
import type { Migration } from './index.js';

/** Adds `items.frames` and `items.output_mtime_ms`. */
export const migration0005: Migration = {
  version: 5,
  name: 'item-frames-and-output-times',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN frames INTEGER CHECK (frames IS NULL OR frames >= 1);
      ALTER TABLE items ADD COLUMN output_mtime_ms REAL;
    `);
  },
};
