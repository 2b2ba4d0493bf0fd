import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { MIGRATIONS, migrate } from '../../../src/db/migrations/index.js';
import { migration0007 } from '../../../src/db/migrations/0007-sweeps-and-estimates.js';
import { RunStore } from '../../../src/db/run-store.js';

const before = MIGRATIONS.filter((m) => m.version < migration0007.version);

function populated(): { db: Db; runId: number } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, before);
  const runId = Number(
    db
      .prepare(
        `INSERT INTO runs (kind, status, started_at, inputs_json, out_dir, settings_json,
           workers, threads, machine_json, owner_pid, owner_host)
         VALUES ('process', 'completed', '2026-01-01T00:00:00Z', '["/in"]', '/out', '{}', 2, 1,
           '{}', 1, 'h')`,
      )
      .run().lastInsertRowid,
  );
  return { db, runId };
}

test('existing runs keep everything and belong to no sweep, with no estimate', () => {
  const { db, runId } = populated();
  const row = () =>
    db.prepare(`SELECT * FROM runs WHERE id = ?`).get(runId) as Record<string, unknown>;
  const old = row();
  migrate(db, [...before, migration0007]);
  assert.deepEqual(row(), { ...old, sweep_id: null, estimate_json: null });
});

test('a deleted sweep leaves its runs; bad sweep rows are refused', () => {
  const { db, runId } = populated();
  migrate(db, [...before, migration0007]);
  const sweep = Number(
    db
      .prepare(
        `INSERT INTO sweeps (kind, status, started_at, inputs_json, sample, combinations_json,
           owner_pid, owner_host) VALUES ('process', 'completed', 'now', '[]', 4, '[]', 1, 'h')`,
      )
      .run().lastInsertRowid,
  );
  db.prepare(`UPDATE runs SET sweep_id = ? WHERE id = ?`).run(sweep, runId);
  db.prepare(`DELETE FROM sweeps WHERE id = ?`).run(sweep);
  assert.equal(db.prepare(`SELECT sweep_id FROM runs WHERE id = ?`).pluck().get(runId), null);
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO sweeps (kind, status, started_at, inputs_json, sample, combinations_json,
             owner_pid, owner_host) VALUES ('process', 'done', 'now', '[]', 0, '[]', 1, 'h')`,
        )
        .run(),
    /CHECK constraint failed/,
  );
});

test('the store records a sweep, its runs and a run estimate, and reads them back', () => {
  const store = RunStore.open(':memory:');
  const machine = {
    cpuModel: 'c',
    cores: 2,
    memoryBytes: 1,
    os: 'l',
    node: '20',
    sharp: '-',
    libvips: '-',
  };
  const newRun = () =>
    store.createRun({
      kind: 'process',
      label: null,
      inputs: ['/in'],
      outDir: '/out',
      settings: { process: null, download: null },
      workers: 1,
      threads: 1,
      pipeline: 'fast',
      machine,
      resumedFrom: null,
    }).id;
  const combinations = [
    { workers: 1, threads: 1, concurrency: null },
    { workers: 2, threads: 1, concurrency: null },
  ];
  const id = store.insights.createSweep({
    kind: 'process',
    inputs: ['/in'],
    sample: 4,
    combinations,
  });
  const [a, b] = [newRun(), newRun()];
  store.insights.addRun(id, a);
  store.insights.addRun(id, b);
  assert.equal(store.insights.getSweep(id)!.status, 'running');
  store.insights.finishSweep(id, 'partial');
  store.insights.finishSweep(id, 'completed');
  const sweep = store.insights.getSweep(id)!;
  assert.deepEqual(
    {
      status: sweep.status,
      runIds: sweep.runIds,
      sample: sweep.sample,
      combinations: sweep.combinations,
    },
    { status: 'partial', runIds: [a, b], sample: 4, combinations },
  );
  assert.equal(store.getRun(a)!.sweepId, id);
  const estimate = {
    estimateMs: 1000,
    lowMs: 800,
    highMs: 1250,
    basedOnRuns: 1,
    basedOnRunIds: [a],
    reason: null,
  };
  store.insights.setEstimate(b, estimate);
  assert.deepEqual(store.getRun(b)!.estimate, estimate);
  assert.equal(store.getRun(a)!.estimate, null);
  assert.throws(() => store.insights.addRun(id, 999), /Run 999 does not exist/);
  store.close();
});
