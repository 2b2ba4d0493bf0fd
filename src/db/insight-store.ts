/**
 * What the store keeps for insights: sweeps (runs of one sample, once per combination of
 * settings) and the estimate each run started with, plus the aggregate the estimates read. Part
 * of `RunStore` (its `insights`), on the same connection.
 */
import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { RunKind } from '../shared/records.js';
import type { RunEstimate } from '../shared/run-estimate.js';
import { MissingRecordError } from './store-errors.js';
import { isProcessAlive } from './stale-runs.js';

import type { SweepCombination } from '../shared/sweep-result.js';

export type { SweepCombination } from '../shared/sweep-result.js';

/**
 * `running` while its owner works through it; `completed` once every combination ran to its
 * end; `partial` when it stopped early (cancelled, or a run failed) or its owner died.
 */
export type SweepStatus = 'running' | 'completed' | 'partial';

/** A sweep as stored, with its runs in the order they ran. */
export interface SweepRecord {
  id: number;
  kind: RunKind;
  status: SweepStatus;
  startedAt: string;
  finishedAt: string | null;
  inputs: string[];
  sample: number;
  combinations: SweepCombination[];
  runIds: number[];
}

interface SweepRow {
  id: number;
  kind: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  inputs_json: string;
  sample: number;
  combinations_json: string;
  owner_pid: number;
  owner_host: string;
}

/** Sweeps and estimates on the store's connection. */
export class InsightStore {
  private readonly sql;

  constructor(private readonly db: Database) {
    this.sql = {
      insertSweep: db.prepare(
        `INSERT INTO sweeps (kind, status, started_at, inputs_json, sample, combinations_json,
           owner_pid, owner_host)
         VALUES (@kind, 'running', @started_at, @inputs_json, @sample, @combinations_json,
           @owner_pid, @owner_host)`,
      ),
      getSweep: db.prepare<[number], SweepRow>(`SELECT * FROM sweeps WHERE id = ?`),
      sweepRuns: db
        .prepare<[number], number>(`SELECT id FROM runs WHERE sweep_id = ? ORDER BY id`)
        .pluck(),
      finishSweep: db.prepare<[string, string, number]>(
        `UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ? AND status = 'running'`,
      ),
      latestSweeps: db
        .prepare<[string, number], number>(
          `SELECT id FROM sweeps WHERE kind = ? AND status != 'running' ORDER BY id DESC LIMIT ?`,
        )
        .pluck(),
      addRun: db.prepare<[number, number]>(`UPDATE runs SET sweep_id = ? WHERE id = ?`),
      setEstimate: db.prepare<[string, number]>(`UPDATE runs SET estimate_json = ? WHERE id = ?`),
      megapixels: db
        .prepare<[number], number | null>(
          `SELECT sum(width_in * height_in) / 1e6 FROM items
           WHERE run_id = ? AND status = 'ok' AND width_in IS NOT NULL AND height_in IS NOT NULL`,
        )
        .pluck(),
    };
  }

  /** Records a sweep as running, owned by this process; returns its id. */
  createSweep(sweep: {
    kind: RunKind;
    inputs: readonly string[];
    sample: number;
    combinations: readonly SweepCombination[];
  }): number {
    const { lastInsertRowid } = this.sql.insertSweep.run({
      kind: sweep.kind,
      started_at: new Date().toISOString(),
      inputs_json: JSON.stringify(sweep.inputs),
      sample: sweep.sample,
      combinations_json: JSON.stringify(sweep.combinations),
      owner_pid: process.pid,
      owner_host: hostname(),
    });
    return Number(lastInsertRowid);
  }

  /** Counts a run as one of the sweep's combinations. */
  addRun(sweepId: number, runId: number): void {
    if (this.sql.addRun.run(sweepId, runId).changes === 0)
      throw new MissingRecordError(`Run ${runId} does not exist`);
  }

  /** Records how the sweep ended (once; a sweep already ended is left as it was). */
  finishSweep(sweepId: number, status: Exclude<SweepStatus, 'running'>): void {
    this.sql.finishSweep.run(status, new Date().toISOString(), sweepId);
  }

  /**
   * The sweep, or null. A sweep left `running` by a process that is gone from this machine reads
   * as `partial`: nobody will finish it.
   */
  getSweep(id: number): SweepRecord | null {
    const row = this.sql.getSweep.get(id);
    if (!row) return null;
    const orphaned =
      row.status === 'running' && row.owner_host === hostname() && !isProcessAlive(row.owner_pid);
    return {
      id: row.id,
      kind: row.kind as RunKind,
      status: orphaned ? 'partial' : (row.status as SweepStatus),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      inputs: JSON.parse(row.inputs_json) as string[],
      sample: row.sample,
      combinations: JSON.parse(row.combinations_json) as SweepCombination[],
      runIds: this.sql.sweepRuns.all(row.id),
    };
  }

  /** Ids of the newest ended sweeps of one kind, newest first. */
  latestSweeps(kind: RunKind, limit: number): number[] {
    return this.sql.latestSweeps.all(kind, limit);
  }

  /**
   * Stores the estimate a run started with. Waits at most `busyTimeoutMs` for another program's
   * write lock (better-sqlite3 waits synchronously, freezing the process) and then throws
   * SQLITE_BUSY: an estimate is worth less than a responsive run.
   */
  setEstimate(runId: number, estimate: RunEstimate, busyTimeoutMs = 50): void {
    const usual = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    try {
      if (this.sql.setEstimate.run(JSON.stringify(estimate), runId).changes === 0)
        throw new MissingRecordError(`Run ${runId} does not exist`);
    } finally {
      this.db.pragma(`busy_timeout = ${usual}`);
    }
  }

  /** Megapixels of a run's ok items (width × height as the workers read them), or null. */
  megapixelsDone(runId: number): number | null {
    return this.sql.megapixels.get(runId) ?? null;
  }
}
