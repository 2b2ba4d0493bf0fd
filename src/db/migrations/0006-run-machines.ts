/**
 * Schema 6: which machines did a run's work (`photobatch worker`s on a queue, or this computer),
 * with their lanes, counts and CPU, as one JSON list per run. A list on the run rather than a
 * column per item: the figures are per machine, and the items keep their run-wide lane number
 * (`worker_id`), which the list maps to machines. Null for runs stored before this step.
 */
import type { Migration } from './index.js';

/** Adds `runs.machines_json`. */
export const migration0006: Migration = {
  version: 6,
  name: 'run-machines',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN machines_json TEXT
        CHECK (machines_json IS NULL OR json_valid(machines_json));
    `);
  },
};
