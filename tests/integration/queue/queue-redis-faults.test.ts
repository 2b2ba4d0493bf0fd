/**
 * Redis's faults under a queue run, with real processes: restarted with its data, restarted
 * empty, and gone for good. Each checks the disk, the store and Redis afterwards.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

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
