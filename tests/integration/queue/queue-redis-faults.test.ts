/**
 * Redis's faults under a queue run, with real processes: restarted with its data, restarted
 * empty, and gone for good. Each checks the disk, the store and Redis afterwards.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Queue } from 'bullmq';

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
import { QUEUE_PREFIX, TASK_QUEUE, taskJobId } from '../../../src/engine/queue/queue-names.js';

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

for (const empty of [false, true]) {
  test(`Redis restarted ${empty ? 'empty' : 'with its data'} mid-run: the run continues and every image is done`, async () => {
    const a = await startWorker(root, empty ? 'E' : 'D', redis);
    try {
      const run = startQueueRun(empty ? 'restart-empty' : 'restart-data');
      await doneAtLeast(run.out, 1);
      await redis.restart({ empty });
      // A run that never ends is cancelled after a while, so the failure says what each side
      // printed instead of the file's time limit leaving processes behind.
      const deadline = setTimeout(() => run.child.kill('SIGINT'), 90_000);
      const r = await run.done;
      clearTimeout(deadline);
      assert.equal(r.code, 0, `coordinator:\n${r.stderr}\nworker ${a.name}:\n${a.stderr()}`);
      const summary = JSON.parse(r.stdout);
      assert.equal(summary.items.ok, COUNT);
      assert.equal(filesUnder(run.out).length, COUNT);
      noTemps(run.out);
      await assertNoRunKeys(redis, summary.runId);
    } finally {
      await stopWorker(a);
    }
  });
}

test('a task Redis lost (written after its last save) is queued again: every image done', async () => {
  // Deterministic form of a restart that loses the last writes: the first task's job is gone
  // while the run's marker is still there, before any worker has seen it.
  const run = startQueueRun('lost-job');
  const tasks = new Queue(TASK_QUEUE, {
    connection: { host: '127.0.0.1', port: redis.port },
    prefix: QUEUE_PREFIX,
  });
  let a: Awaited<ReturnType<typeof startWorker>> | null = null;
  try {
    const id = taskJobId(1, 1);
    for (let i = 0; i < 600 && !(await tasks.getJob(id)); i++) await delay(50);
    assert.equal(await tasks.remove(id), 1);
    a = await startWorker(root, 'L', redis);
    const deadline = setTimeout(() => run.child.kill('SIGINT'), 60_000);
    const r = await run.done;
    clearTimeout(deadline);
    assert.equal(r.code, 0, `coordinator:\n${r.stderr}\nworker:\n${a.stderr()}`);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.runId, 1);
    assert.equal(summary.items.ok, COUNT);
    assert.equal(filesUnder(run.out).length, COUNT);
    noTemps(run.out);
    await assertNoRunKeys(redis, summary.runId);
  } finally {
    await tasks.close();
    if (a) await stopWorker(a);
  }
});

test('Redis gone for good: pending items fail in words, exit 1, the run is stored', async () => {
  const a = await startWorker(root, 'G', redis);
  try {
    const run = startQueueRun('gone');
    await doneAtLeast(run.out, 1);
    await redis.stop();
    const r = await run.done;
    assert.equal(r.code, 1, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.ok(summary.items.failed >= 1, JSON.stringify(summary.items));
    for (const f of summary.failures) assert.match(f.error, /stopped answering for \d+ s/);
    assert.match(r.stderr, /stopped answering/);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    const shown = await shownRun(run.db, summary.runId);
    const items = shown.items as { status: string }[];
    assert.ok(
      items.every((i) => i.status !== 'pending'),
      'nothing left pending in the store',
    );
  } finally {
    killMachine(a);
    await a.exited;
    await redis.restart({ empty: true });
  }
});
