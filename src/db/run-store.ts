/**
 * The store of runs, items and remembered settings on one SQLite file, shared by the desktop app
 * and the CLI. Writes are batched in transactions; every statement is prepared once.
 */
import { PresetStore } from './preset-store.js';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Database, Transaction } from 'better-sqlite3';
import { runSettingsSchema } from '../shared/records.js';
import type { ItemRecord, ItemStatus, RunRecord } from '../shared/records.js';
import { InsightStore } from './insight-store.js';
import { ItemUpdater } from './item-updates.js';
import { openDatabase } from './open-database.js';
import { itemFromValues, newItemParams, runFromRow } from './row-mapping.js';
import { isProcessAlive, markInterruptedRuns } from './stale-runs.js';
import { MissingRecordError } from './store-errors.js';
import { prepareStatements } from './store-statements.js';
import type { ListParams } from './store-statements.js';
import type {
  ItemUpdate,
  NewItem,
  NewRun,
  RunEnd,
  RunFilter,
  RunWriteBatch,
  WriteBatchOptions,
} from './store-types.js';

/** Options of `RunStore.open`. */
export interface RunStoreOptions {
  /** Read only: no migration, no interrupted-run marking, every write throws. */
  readonly?: boolean;
  /** A better_sqlite3.node built for another ABI (Electron's); see `OpenDatabaseOptions`. */
  nativeBinding?: string;
}

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Expected a positive integer for ${what} but received ${String(value)}`);
  }
  return value;
}

/** A failed run says why; no other ending carries a reason (undefined counts as none). */
function endError(end: RunEnd): string | null {
  const error = end.error ?? null;
  const ok =
    end.status === 'failed' ? typeof error === 'string' && error.trim() !== '' : error === null;
  if (!ok) {
    throw new Error(
      `Expected a reason for a failed run and none for any other ending but received ` +
        `${JSON.stringify(error)} for status "${end.status}"`,
    );
  }
  return error;
}

function isMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** Runs, their items and remembered settings, on SQLite. */
export class RunStore {
  /** Runs this open found left `running` by a dead process and marked `interrupted`. */
  readonly interruptedAtOpen: readonly number[];
  /** Sweeps and run estimates, on the same connection. */
  readonly insights: InsightStore;
  /** The user's presets (and the built-in ones), on the same connection. */
  readonly presets: PresetStore;
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly updater: ItemUpdater;
  // Transaction wrappers built once, like the statements. Called with `.immediate`: a deferred
  // transaction that reads before it writes fails at once with SQLITE_BUSY (no busy wait) when
  // another process wrote in between; taking the write lock first makes it wait instead.
  private readonly writeBatchTx: Transaction<(runId: number, batch: RunWriteBatch) => void>;
  private readonly deleteRunTx: Transaction<(id: number) => boolean>;

  private constructor(
    private readonly db: Database,
    /** The database file, absolute (or `:memory:`), for messages that name it. */
    readonly path: string,
  ) {
    this.sql = prepareStatements(db);
    this.insights = new InsightStore(db);
    this.presets = new PresetStore(db);
    this.updater = new ItemUpdater(db);
    this.writeBatchTx = db.transaction((runId: number, batch: RunWriteBatch) => {
      if (batch.items && batch.items.length > 0) this.insertItems(runId, batch.items);
      for (const update of batch.updates ?? []) this.updater.apply(runId, update);
      if (batch.end) this.storeEnd(runId, batch.end);
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
      return new RunStore(db, isMemory(path) ? path : resolve(path));
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

  /** Adds items (numbered by the caller: `seq` unique within the run) in one transaction. */
  addItems(runId: number, items: readonly NewItem[]): void {
    this.writeBatchTx.immediate(runId, { items });
  }

  /** Applies partial updates to items of `runId`, found by `seq`, in one transaction. */
  updateItems(runId: number, updates: readonly ItemUpdate[]): void {
    this.writeBatchTx.immediate(runId, { updates });
  }

  /**
   * Records how a run ended, with its end time and resource figures; `end.error` is required
   * for `failed` and must be null otherwise.
   */
  finishRun(runId: number, end: RunEnd): RunRecord {
    this.storeEnd(runId, end);
    return this.mustGetRun(runId);
  }

  /**
   * Writes a running run's new items, then its item updates, then (optionally) its end, in ONE
   * IMMEDIATE transaction: all of it or none. With `busyTimeoutMs`, waits at most that long for
   * another connection's write lock (then throws SQLITE_BUSY) instead of the connection's
   * usual timeout; RunWriter uses this to retry later without freezing the process.
   */
  writeBatch(runId: number, batch: RunWriteBatch, options: WriteBatchOptions = {}): void {
    const write = () => this.writeBatchTx.immediate(runId, batch);
    if (options.busyTimeoutMs === undefined) return write();
    this.withBusyTimeout(options.busyTimeoutMs, write);
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

  /** One item of a run, by its seq, or null if there is none. */
  getItem(runId: number, seq: number): ItemRecord | null {
    const row = this.sql.getItem.get(runId, seq);
    return row ? itemFromValues(row) : null;
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
    if (!run) throw new MissingRecordError(`Run ${id} does not exist`);
    return run;
  }

  private insertItems(runId: number, items: readonly NewItem[]): void {
    const kind = this.sql.runKind.get(runId)?.kind;
    if (kind === undefined) throw new MissingRecordError(`Run ${runId} does not exist`);
    const hasDownload = kind === 'download';
    const insert = this.sql.insertItem;
    for (const item of items) insert.run(newItemParams(runId, item, hasDownload));
  }

  private storeEnd(runId: number, end: RunEnd): void {
    const { changes } = this.sql.finishRun.run({
      id: runId,
      status: end.status,
      error: endError(end),
      finished_at: new Date().toISOString(),
      wall_ms: end.wallMs,
      cpu_ms: end.cpuMs,
      peak_rss_engine: end.peakRssEngineBytes,
      peak_rss_worker: end.peakRssWorkerBytes,
      peak_rss_total: end.peakRssTotalBytes,
      machine_json: end.machine ? JSON.stringify(end.machine) : null,
      machines_json: end.machines ? JSON.stringify(end.machines) : null,
      workers: end.workers ?? null,
    });
    if (changes === 0) throw new MissingRecordError(`Run ${runId} does not exist`);
  }

  /**
   * Runs `write` with the connection's busy timeout set to `ms`, and puts the usual one back
   * whatever happens: nothing else can use the connection meanwhile (better-sqlite3 is
   * synchronous), so the change is seen by this write alone.
   */
  private withBusyTimeout(ms: number, write: () => void): void {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new Error(`Expected a non-negative integer for busyTimeoutMs but received ${ms}`);
    }
    const usual = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${ms}`);
    try {
      write();
    } finally {
      this.db.pragma(`busy_timeout = ${usual}`);
    }
  }
}
