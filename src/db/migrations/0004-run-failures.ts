/**
 * Schema 4: a run may end `failed`, with the reason in `runs.error`.
 *
 * Why a rebuild: the status list is a CHECK constraint, which SQLite cannot alter, so `runs` is
 * rebuilt by SQLite's documented 12-step procedure (https://sqlite.org/lang_altertable.html#otheralter):
 * new table, copy, drop, rename, then recreate what hung on the old table. The runner turns
 * foreign keys off around this step (`rebuildsTables`): with them on, `DROP TABLE runs` deletes
 * every row first, and ON DELETE CASCADE would take every item with it.
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from './index.js';

// Every column of runs at schema 3, copied as is (error is new and starts null).
// prettier-ignore
const KEPT_COLUMNS = [
  'id', 'kind', 'status', 'label', 'started_at', 'finished_at', 'inputs_json', 'out_dir',
  'settings_json', 'workers', 'threads', 'pipeline', 'machine_json', 'wall_ms', 'cpu_ms',
  'peak_rss_engine', 'peak_rss_worker', 'peak_rss_total', 'resumed_from', 'owner_pid',
  'owner_host', 'total', 'ok', 'failed', 'skipped',
].join(', ');

// The triggers of 0003, restated word for word: they name `runs`, and renaming a table onto
// `runs` while triggers refer to a `runs` that does not exist fails ("no such table").
const COUNT_TRIGGERS = `
      CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN
        UPDATE runs SET
          total = total + 1,
          ok = ok + (NEW.status = 'ok'),
          failed = failed + (NEW.status = 'failed'),
          skipped = skipped + (NEW.status = 'skipped')
        WHERE id = NEW.run_id;
      END;

      CREATE TRIGGER items_count_update AFTER UPDATE OF status, run_id ON items
      WHEN OLD.status IS NOT NEW.status OR OLD.run_id IS NOT NEW.run_id BEGIN
        UPDATE runs SET
          total = total - 1,
          ok = ok - (OLD.status = 'ok'),
          failed = failed - (OLD.status = 'failed'),
          skipped = skipped - (OLD.status = 'skipped')
        WHERE id = OLD.run_id;
        UPDATE runs SET
          total = total + 1,
          ok = ok + (NEW.status = 'ok'),
          failed = failed + (NEW.status = 'failed'),
          skipped = skipped + (NEW.status = 'skipped')
        WHERE id = NEW.run_id;
      END;

      -- Also fires for ON DELETE CASCADE, where the run row is already gone (a no-op update).
      CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN
        UPDATE runs SET
          total = total - 1,
          ok = ok - (OLD.status = 'ok'),
          failed = failed - (OLD.status = 'failed'),
          skipped = skipped - (OLD.status = 'skipped')
        WHERE id = OLD.run_id;
      END;
`;

/** The AUTOINCREMENT high-water mark of `runs`: the largest id ever given, deleted or not. */
function highestRunId(db: Database): number | null {
  const row = db
    .prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'runs'`)
    .get();
  return row?.seq ?? null;
}

/**
 * DROP TABLE forgets a table's sqlite_sequence row and RENAME carries the new table's (which
 * only knows the ids copied into it), so without this a deleted run's id could come back.
 */
function restoreHighestRunId(db: Database, seq: number | null): void {
  if (seq === null) return;
  const raised = db
    .prepare(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'runs'`)
    .run(seq);
  if (raised.changes === 0) {
    db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', ?)`).run(seq);
  }
}

/** Rebuilds `runs` with `failed` allowed and an `error` column; ids, items and counts kept. */
export const migration0004: Migration = {
  version: 4,
  name: 'run-failures',
  rebuildsTables: true,
  up(db) {
    const seq = highestRunId(db);
    db.exec(`
      DROP TRIGGER items_count_insert;
      DROP TRIGGER items_count_update;
      DROP TRIGGER items_count_delete;

      CREATE TABLE runs_rebuilt (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('process', 'download')),
        status TEXT NOT NULL
          CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
        -- Why the run failed, in words; null for every other ending (checked by the store).
        error TEXT,
        label TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs_json TEXT NOT NULL CHECK (json_valid(inputs_json)),
        out_dir TEXT NOT NULL,
        settings_json TEXT NOT NULL CHECK (json_valid(settings_json)),
        workers INTEGER NOT NULL CHECK (workers >= 0),
        threads INTEGER NOT NULL CHECK (threads >= 0),
        pipeline TEXT,
        machine_json TEXT NOT NULL CHECK (json_valid(machine_json)),
        wall_ms REAL,
        cpu_ms REAL,
        peak_rss_engine INTEGER,
        peak_rss_worker INTEGER,
        peak_rss_total INTEGER,
        -- Names runs, not runs_rebuilt: after the rename it is this table's own id.
        resumed_from INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        total INTEGER NOT NULL DEFAULT 0,
        ok INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      INSERT INTO runs_rebuilt (${KEPT_COLUMNS}) SELECT ${KEPT_COLUMNS} FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_rebuilt RENAME TO runs;

      -- The indexes of 0001, which went with the old table.
      CREATE INDEX runs_by_start ON runs (started_at DESC, id DESC);
      CREATE INDEX runs_by_kind ON runs (kind, started_at DESC, id DESC);
      CREATE INDEX runs_by_status ON runs (status, started_at DESC, id DESC);
      CREATE INDEX runs_by_resumed_from ON runs (resumed_from) WHERE resumed_from IS NOT NULL;
      ${COUNT_TRIGGERS}
    `);
    restoreHighestRunId(db, seq);
  },
};
