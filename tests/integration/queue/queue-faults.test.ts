/**
 * Faults on the queue, with real processes: a machine killed with kill -9 mid-run (its tasks are
 * redone by the other) and a cancel (no temps, no jobs left). Redis's own faults are in
 * queue-redis-faults.test.ts. Each checks the disk, the store and Redis afterwards.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { childPids, eventually, startCli } from '../../helpers/cli.js';
import { filesUnder } from '../../helpers/files-under.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import { assertNoRunKeys, QUEUE_ENV, shownRun, startWorker, stopWorker } from './queue-harness.js';
import type { RunningWorker } from './queue-harness.js';

let redis: TestRedis;
let root: string;
let input: string;
const COUNT = 6;

before(async () => {
  redis = await startRedis();
  root = await tempDir();
  input = path.join(root, 'in');
  await folderOfPhotos(input, COUNT, 1200);
});

after(async () => {
  await redis.close();
});

/** A queue run slow enough to interrupt (heavy blur), with its store and output folder. */
function startQueueRun(name: string) {
  const db = path.join(root, `${name}.db`);
  const out = path.join(root, `out-${name}`);
  const cli = startCli(
    ['process', input, '--out', out, '--blur', '12', '--queue', redis.url, '--json', '--db', db],
    QUEUE_ENV,
  );
  return { ...cli, db, out };
}

/** Waits until `count` outputs are in place (renamed from their temps): the run is under way. */
async function doneAtLeast(out: string, count: number): Promise<void> {
  const done = () => filesUnder(out).filter((f) => !path.basename(f).startsWith('.')).length;
  assert.ok(await eventually(() => done() >= count, 120_000), `${count} output(s) in ${out}`);
}

function noTemps(out: string): void {
  const left = filesUnder(out).filter((f) => path.basename(f).startsWith('.'));
  assert.deepEqual(left, [], 'no temp or probe file left');
}

function killMachine(worker: RunningWorker): void {
  // The machine goes away whole: its pool's processes with it.
  for (const pid of childPids(worker.child.pid!)) process.kill(pid, 'SIGKILL');
  worker.child.kill('SIGKILL');
}

test('kill -9 of machine A mid-run: B redoes its tasks, every image done, nothing left', async () => {
  const a = await startWorker(root, 'A', redis);
  const b = await startWorker(root, 'B', redis);
  try {
    const run = startQueueRun('killed');
    await eventually(() => childPids(a.child.pid!).length > 0, 20_000);
    await doneAtLeast(run.out, 1);
    killMachine(a);
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.items.ok, COUNT);
    assert.equal(filesUnder(run.out).length, COUNT);
    noTemps(run.out);
    const shown = await shownRun(run.db, summary.runId);
    const items = shown.items as { status: string }[];
    assert.ok(items.every((i) => i.status === 'ok'));
    await assertNoRunKeys(redis, summary.runId);
  } finally {
    killMachine(a);
    await stopWorker(b);
  }
});

test('cancel: exit 130, stored cancelled, no temp files, no job of the run left in Redis', async () => {
  const a = await startWorker(root, 'A2', redis);
  try {
    const run = startQueueRun('cancelled');
    await doneAtLeast(run.out, 1);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.status, 'cancelled');
    assert.ok(summary.items.ok < COUNT, 'cancelled before the end');
    noTemps(run.out);
    await assertNoRunKeys(redis, summary.runId);
    assert.equal(
      ((await shownRun(run.db, summary.runId)).run as { status: string }).status,
      'cancelled',
    );
    // The worker goes on serving: it was told, not broken.
    assert.equal(a.child.exitCode, null);
  } finally {
    assert.equal(await stopWorker(a), 0, 'SIGTERM: the worker finishes and exits 0');
  }
});
