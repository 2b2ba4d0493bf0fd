/**
 * Schema 1: runs and their items. Times are ms (REAL: timings are fractional), sizes bytes.
 */
import type { Migration } from './index.js';

/** Creates `runs` and `items` with the indexes history, show and compare read through. */
export const migration0001: Migration = {
  version: 1,
  name: 'runs-and-items',
  up(db) {
    db.exec(`
      -- AUTOINCREMENT: run ids are shown to users and kept by scripts (photobatch show <id>);
      -- a deleted run's id must never come back as another run.
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('process', 'download')),
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'interrupted')),
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
        resumed_from INTEGER REFERENCES runs(id) ON DELETE SET NULL,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL
      ) STRICT;

      CREATE INDEX runs_by_start ON runs (started_at DESC, id DESC);
      CREATE INDEX runs_by_kind ON runs (kind, started_at DESC, id DESC);
      CREATE INDEX runs_by_status ON runs (status, started_at DESC, id DESC);
      -- Without it, deleting any run scans all runs for ON DELETE SET NULL.
      CREATE INDEX runs_by_resumed_from ON runs (resumed_from) WHERE resumed_from IS NOT NULL;

      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source TEXT NOT NULL,
        output TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed', 'skipped')),
        error TEXT,
        bytes_in INTEGER,
        bytes_out INTEGER,
        width_in INTEGER,
        height_in INTEGER,
        width_out INTEGER,
        height_out INTEGER,
        worker_id INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        queued_ms REAL,
        start_ms REAL,
        end_ms REAL,
        read_ms REAL,
        ops_ms REAL,
        encode_ms REAL,
        -- Download stage. dl_attempts IS NULL means the item has no download stage at all.
        saved_path TEXT,
        final_url TEXT,
        http_status INTEGER,
        dl_attempts INTEGER CHECK (dl_attempts >= 0),
        dl_bytes INTEGER,
        dl_queued_ms REAL,
        dl_start_ms REAL,
        dl_first_byte_ms REAL,
        dl_end_ms REAL
      ) STRICT;

      -- Unique: seq is the planned order, so a duplicate is an engine bug worth failing loudly on.
      CREATE UNIQUE INDEX items_by_run_seq ON items (run_id, seq);
      CREATE INDEX items_by_run_status ON items (run_id, status);
    `);
  },
};
