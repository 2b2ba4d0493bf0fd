/**
 * Schema 10: the user's presets (named recipes of process settings, src/shared/presets.ts). The
 * built-in ones live in code, not here. Names are unique whatever their case.
 */
import type { Migration } from './index.js';

/** Creates the `presets` table. */
export const migration0010: Migration = {
  version: 10,
  name: 'presets',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 60),
        settings_json TEXT NOT NULL CHECK (json_valid(settings_json)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
