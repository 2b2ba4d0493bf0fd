/**
 * Every statement of `RunStore`, prepared once per connection.
 */
import type { Database } from 'better-sqlite3';
import type { RunKind, RunStatus } from '../shared/records.js';
import { ITEM_READ_COLUMNS } from './row-mapping.js';
import type { RunRow } from './row-mapping.js';

/** Parameters of the run listings. */
export type ListParams = { kind: RunKind | null; status: RunStatus | null; limit: number };

const itemColumns = ITEM_READ_COLUMNS.join(', ');

/** The store's statements on `db`. */
export function prepareStatements(db: Database) {
  const listRuns = (where: string) =>
    db.prepare<[ListParams], RunRow>(
      `SELECT * FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT @limit`,
    );
  return {
    insertRun: db.prepare(
      `INSERT INTO runs (kind, status, label, started_at, inputs_json, out_dir, settings_json,
         workers, threads, pipeline, machine_json, resumed_from, owner_pid, owner_host)
       VALUES (@kind, 'running', @label, @started_at, @inputs_json, @out_dir, @settings_json,
         @workers, @threads, @pipeline, @machine_json, @resumed_from, @owner_pid, @owner_host)`,
    ),
    getRun: db.prepare<[number], RunRow>(`SELECT * FROM runs WHERE id = ?`),
    runKind: db.prepare<[number], { kind: RunKind }>(`SELECT kind FROM runs WHERE id = ?`),
    finishRun: db.prepare(
      `UPDATE runs SET status = @status, error = @error, finished_at = @finished_at,
         wall_ms = @wall_ms, cpu_ms = @cpu_ms, peak_rss_engine = @peak_rss_engine,
         peak_rss_worker = @peak_rss_worker, peak_rss_total = @peak_rss_total,
         machine_json = coalesce(@machine_json, machine_json),
         machines_json = coalesce(@machines_json, machines_json),
         workers = coalesce(@workers, workers)
       WHERE id = @id`,
    ),
    // One per filter combination, so each can use its own index (runs_by_kind, runs_by_status).
    listRuns: {
      all: listRuns(''),
      kind: listRuns('WHERE kind = @kind'),
      status: listRuns('WHERE status = @status'),
      both: listRuns('WHERE kind = @kind AND status = @status'),
    },
    deleteRun: db.prepare<[number]>(`DELETE FROM runs WHERE id = ?`),
    insertItem: db.prepare(
      `INSERT INTO items (run_id, seq, source, output, status, error, bytes_in, queued_ms, dl_attempts)
       VALUES (@run_id, @seq, @source, @output, @status, @error, @bytes_in, @queued_ms, @dl_attempts)`,
    ),
    listItems: db
      .prepare<[number], unknown[]>(
        `SELECT ${itemColumns} FROM items WHERE run_id = ? ORDER BY seq`,
      )
      .raw(),
    getItem: db
      .prepare<[number, number], unknown[]>(
        `SELECT ${itemColumns} FROM items WHERE run_id = ? AND seq = ?`,
      )
      .raw(),
    itemsWithStatus: db
      .prepare<[number, string], unknown[]>(
        `SELECT ${itemColumns} FROM items
         WHERE run_id = ? AND status IN (SELECT value FROM json_each(?)) ORDER BY seq`,
      )
      .raw(),
    getSetting: db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`),
    setSetting: db.prepare<[string, string, string]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
  };
}
