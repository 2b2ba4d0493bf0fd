/**
 * Schema 7: sweeps, and the estimate each run started with.
 *
 * Why: `photobatch sweep` runs the same sample once per combination of settings; the runs are
 * ordinary runs (History, Compare and `show` read them as any other) grouped under one sweep, so
 * the group and its fit can be read back. Every process run stores the estimate it started
 * with, so `show` can put the prediction beside what happened. Both columns are added with
 * ALTER TABLE (nullable, so no table rebuild); deleting a sweep leaves its runs.
 */
import type { Migration } from './index.js';

/** Adds the `sweeps` table, `runs.sweep_id` and `runs.estimate_json`. */
export const migration0007: Migration = {
  version: 7,
  name: 'sweeps-and-estimates',
  up(db) {
    db.exec(`
      CREATE TABLE sweeps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('process', 'download')),
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'partial')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs_json TEXT NOT NULL,
        sample INTEGER NOT NULL CHECK (sample > 0),
        combinations_json TEXT NOT NULL,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL
      );
      ALTER TABLE runs ADD COLUMN sweep_id INTEGER REFERENCES sweeps(id) ON DELETE SET NULL;
      ALTER TABLE runs ADD COLUMN estimate_json TEXT;
      CREATE INDEX runs_by_sweep ON runs(sweep_id) WHERE sweep_id IS NOT NULL;
    `);
  },
};
