import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { RunStore } from '../../../src/db/run-store.js';
import { isProcessAlive } from '../../../src/db/stale-runs.js';
import { pendingItems, processRun, tempDir } from './fixtures/store-fixtures.js';

const holder = fileURLToPath(new URL('./fixtures/hold-running-run.ts', import.meta.url));

/** Starts a process that opens `dbPath`, starts a run, and waits; resolves with its run id. */
async function startHolder(dbPath: string): Promise<{ child: ChildProcess; runId: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', holder, dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8');
  for await (const chunk of child.stdout!) {
    out += chunk as string;
    if (out.includes('\n')) break;
  }
  const runId = Number(out.trim());
  assert.ok(Number.isInteger(runId) && runId > 0, `holder printed "${out}"`);
  return { child, runId };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

test('a run whose owner process was killed is marked interrupted at the next open', async (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const { child, runId } = await startHolder(file);
  t.after(() => kill(child));

  // While its owner lives (another process, e.g. the CLI), the run is in progress: untouched.
  const whileAlive = RunStore.open(file);
  assert.deepEqual(whileAlive.interruptedAtOpen, []);
  assert.equal(whileAlive.getRun(runId)?.status, 'running');
  whileAlive.close();

  await kill(child);
  assert.equal(isProcessAlive(child.pid!), false);

  const store = RunStore.open(file);
  t.after(() => store.close());
  assert.deepEqual(store.interruptedAtOpen, [runId]);
  const run = store.getRun(runId)!;
  assert.equal(run.status, 'interrupted');
  assert.equal(run.finishedAt, null);
  assert.deepEqual({ total: run.total, ok: run.ok }, { total: 3, ok: 1 });
  // What the dead process had not done stays pending, so a resumed run knows what is left.
  assert.deepEqual(
    store.itemsWithStatus(runId, ['pending']).map((i) => i.seq),
    [1, 2],
  );
});

test('a run owned by this live process stays running when the store is opened again', (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const first = RunStore.open(file);
  const run = first.createRun(processRun());
  first.addItems(run.id, pendingItems(2));

  const second = RunStore.open(file);
  t.after(() => second.close());
  assert.deepEqual(second.interruptedAtOpen, []);
  assert.equal(second.getRun(run.id)?.status, 'running');
  // And the first store can still finish it.
  assert.equal(
    first.finishRun(run.id, {
      status: 'completed',
      error: null,
      wallMs: 1,
      cpuMs: 1,
      peakRssEngineBytes: 1,
      peakRssWorkerBytes: 1,
      peakRssTotalBytes: 2,
    }).status,
    'completed',
  );
  first.close();
});

test('a run from another host is left alone; the same dead pid on this host is not', async (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  const deadPid = child.pid!;

  const store = RunStore.open(file);
  const remote = store.createRun(processRun({ label: 'remote' }));
  const local = store.createRun(processRun({ label: 'local' }));
  store.close();
  const raw = new Database(file);
  const setOwner = raw.prepare(
    `UPDATE runs SET owner_pid = ?, owner_host = coalesce(?, owner_host) WHERE id = ?`,
  );
  setOwner.run(deadPid, 'another-machine', remote.id);
  setOwner.run(deadPid, null, local.id);
  raw.close();

  const reopened = RunStore.open(file);
  t.after(() => reopened.close());
  assert.deepEqual(reopened.interruptedAtOpen, [local.id]);
  assert.equal(reopened.getRun(remote.id)?.status, 'running');
  assert.equal(reopened.getRun(local.id)?.status, 'interrupted');
});

test('a read-only open marks nothing', async (t) => {
  const file = path.join(tempDir(t), 'photobatch.db');
  const { child, runId } = await startHolder(file);
  await kill(child);

  const readonly = RunStore.open(file, { readonly: true });
  t.after(() => readonly.close());
  assert.deepEqual(readonly.interruptedAtOpen, []);
  assert.equal(readonly.getRun(runId)?.status, 'running');
});
