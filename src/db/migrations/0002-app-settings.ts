/**
 * Schema 2: remembered window settings, one JSON value per key.
 */
import type { Migration } from './index.js';

/** Creates the `settings` key/value table. */
export const migration0002: Migration = {
  version: 2,
  name: 'app-settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
