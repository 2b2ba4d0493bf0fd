/**
 * The store of runs, items and remembered settings on one SQLite file, shared by the desktop app
 * and the CLI. Writes are batched in transactions; every statement is prepared once.
 */
import { hostname } from 'node:os';
import type { Database, Transaction } from 'better-sqlite3';
import { runSettingsSchema } from '../shared/records.js';
import type { ItemRecord, ItemStatus, RunKind, RunRecord, RunStatus } from '../shared/records.js';
import { ItemUpdater } from './item-updates.js';
import { openDatabase } from './open-database.js';
import { ITEM_READ_COLUMNS, itemFromValues, newItemParams, runFromRow } from './row-mapping.js';
import type { RunRow } from './row-mapping.js';
import { isProcessAlive, markInterruptedRuns } from './stale-runs.js';
import type { ItemUpdate, NewItem, NewRun, RunEnd, RunFilter } from './store-types.js';

/** Options of `RunStore.open`. */
export interface RunStoreOptions {
  /** Read only: no migration, no interrupted-run marking, every write throws. */
  readonly?: boolean;
  /** A better_sqlite3.node built for another ABI (Electron's); see `OpenDatabaseOptions`. */
  nativeBinding?: string;
}

type ListParams = { kind: RunKind | null; status: RunStatus | null; limit: number };

const itemColumns = ITEM_READ_COLUMNS.join(', ');

function prepareStatements(db: Database) {
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
      `UPDATE runs SET status = @status, finished_at = @finished_at, wall_ms = @wall_ms,
         cpu_ms = @cpu_ms, peak_rss_engine = @peak_rss_engine, peak_rss_worker = @peak_rss_worker,
         peak_rss_total = @peak_rss_total
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

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Expected a positive integer for ${what} but received ${String(value)}`);
  }
  return value;
}

/** Runs, their items and remembered settings, on SQLite. */
export class RunStore {
  /** Runs this open found left `running` by a dead process and marked `interrupted`. */
  readonly interruptedAtOpen: readonly number[];
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly updater: ItemUpdater;
  // Transaction wrappers built once, like the statements. Called with `.immediate`: a deferred
  // transaction that reads before it writes fails at once with SQLITE_BUSY (no busy wait) when
  // another process wrote in between; taking the write lock first makes it wait instead.
  private readonly addItemsTx: Transaction<(runId: number, items: readonly NewItem[]) => number[]>;
  private readonly updateItemsTx: Transaction<(updates: readonly ItemUpdate[]) => void>;
  private readonly deleteRunTx: Transaction<(id: number) => boolean>;

  private constructor(private readonly db: Database) {
    this.sql = prepareStatements(db);
    this.updater = new ItemUpdater(db);
    this.addItemsTx = db.transaction((runId: number, items: readonly NewItem[]) => {
      const kind = this.sql.runKind.get(runId)?.kind;
      if (kind === undefined) throw new Error(`Run ${runId} does not exist`);
      const hasDownload = kind === 'download';
      const insert = this.sql.insertItem;
      return items.map((item) =>
        Number(insert.run(newItemParams(runId, item, hasDownload)).lastInsertRowid),
      );
    });
    this.updateItemsTx = db.transaction((updates: readonly ItemUpdate[]) => {
      for (const update of updates) this.updater.apply(update);
    });
    this.deleteRunTx = db.transaction((id: number) => {
      const run = this.sql.getRun.get(id);
      if (!run) return false;
      if (run.status === 'running') {
        throw new Error(`Run ${id} is still running; cancel it before deleting it`);
      }
      return this.sql.deleteRun.run(id).changes > 0;
    });
    this.interruptedAtOpen = db.readonly
      ? []
      : markInterruptedRuns(db, { host: hostname(), isAlive: isProcessAlive });
  }

  /** Opens (creating and migrating) the database at `path`; `:memory:` for a private one. */
  static open(path: string, options: RunStoreOptions = {}): RunStore {
    const db = openDatabase(path, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      return new RunStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Records a run as `running`, started now, owned by this process. */
  createRun(run: NewRun): RunRecord {
    const settings = runSettingsSchema.parse(run.settings);
    const { lastInsertRowid } = this.sql.insertRun.run({
      kind: run.kind,
      label: run.label,
      started_at: new Date().toISOString(),
      inputs_json: JSON.stringify(run.inputs),
      out_dir: run.outDir,
      settings_json: JSON.stringify(settings),
      workers: run.workers,
      threads: run.threads,
      pipeline: run.pipeline,
      machine_json: JSON.stringify(run.machine),
      resumed_from: run.resumedFrom,
      owner_pid: process.pid,
      owner_host: hostname(),
    });
    return this.mustGetRun(Number(lastInsertRowid));
  }

  /** Adds items to a run in one transaction; returns their ids in the order given. */
  addItems(runId: number, items: readonly NewItem[]): number[] {
    return this.addItemsTx.immediate(runId, items);
  }

  /** Applies partial item updates (including `download` fields) in one transaction. */
  updateItems(updates: readonly ItemUpdate[]): void {
    this.updateItemsTx.immediate(updates);
  }

  /** Records how a run ended, with its end time and resource figures. */
  finishRun(runId: number, end: RunEnd): RunRecord {
    const { changes } = this.sql.finishRun.run({
      id: runId,
      status: end.status,
      finished_at: new Date().toISOString(),
      wall_ms: end.wallMs,
      cpu_ms: end.cpuMs,
      peak_rss_engine: end.peakRssEngineBytes,
      peak_rss_worker: end.peakRssWorkerBytes,
      peak_rss_total: end.peakRssTotalBytes,
    });
    if (changes === 0) throw new Error(`Run ${runId} does not exist`);
    return this.mustGetRun(runId);
  }

  /** The run, or null if there is none with this id. */
  getRun(id: number): RunRecord | null {
    const row = this.sql.getRun.get(id);
    return row ? runFromRow(row) : null;
  }

  /** Runs newest first, optionally of one kind and/or status, at most `limit` (default all). */
  listRuns(filter: RunFilter = {}): RunRecord[] {
    const limit = filter.limit === undefined ? -1 : positiveInt(filter.limit, 'limit');
    const params: ListParams = { kind: filter.kind ?? null, status: filter.status ?? null, limit };
    const { listRuns } = this.sql;
    const statement =
      params.kind && params.status
        ? listRuns.both
        : params.kind
          ? listRuns.kind
          : params.status
            ? listRuns.status
            : listRuns.all;
    return statement.all(params).map(runFromRow);
  }

  /** A run's items in planned order (by seq). */
  listItems(runId: number): ItemRecord[] {
    return this.sql.listItems.all(runId).map(itemFromValues);
  }

  /** A run's items whose status is one of `statuses`, by seq (e.g. pending ones to resume). */
  itemsWithStatus(runId: number, statuses: readonly ItemStatus[]): ItemRecord[] {
    if (statuses.length === 0) return [];
    return this.sql.itemsWithStatus.all(runId, JSON.stringify(statuses)).map(itemFromValues);
  }

  /**
   * Deletes a run and its items; false if there was none. Refuses a `running` run: its owner
   * is still writing items to it.
   */
  deleteRun(id: number): boolean {
    return this.deleteRunTx.immediate(id);
  }

  /** A remembered setting, or null if never set. */
  getSetting<T>(key: string): T | null {
    const row = this.sql.getSetting.get(key);
    return row ? (JSON.parse(row.value) as T) : null;
  }

  /** Remembers a JSON-serialisable value under `key`. */
  setSetting(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) {
      throw new Error(`Expected a JSON value for setting "${key}" but received ${typeof value}`);
    }
    this.sql.setSetting.run(key, json, new Date().toISOString());
  }

  /** Closes the database; the store cannot be used afterwards. */
  close(): void {
    this.db.close();
  }

  private mustGetRun(id: number): RunRecord {
    const run = this.getRun(id);
    if (!run) throw new Error(`Run ${id} does not exist`);
    return run;
  }
}
