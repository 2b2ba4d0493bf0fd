/**
 * Faults on the queue, with real processes: a machine killed with kill -9 mid-run (its tasks are
 * redone by the other) and a cancel (no temps, no jobs left). Redis's own faults are in
 * queue-redis-faults.test.ts. Each checks the disk, the store and Redis afterwards.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { childPids, eventually } from '../../helpers/cli.js';
import { filesUnder } from '../../helpers/files-under.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import {
  assertNoRunKeys,
  shownRun,
  startWorker,
  stopWorker,
  doneAtLeast,
  killMachine,
  noTemps,
  startQueueRun as startRunOn,
} from './queue-harness.js';

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

const startQueueRun = (name: string) => startRunOn(redis, root, input, name);

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
