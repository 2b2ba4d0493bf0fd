/**
 * A run through the queue on two machines (two `photobatch worker` processes): the photos are
 * split between them, the outputs are the same bytes a local run writes, both machines are in the
 * stored run, and Redis is left with no job of the run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { filesUnder } from '../../helpers/files-under.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import { assertNoRunKeys, QUEUE_ENV, shownRun, startWorker, stopWorker } from './queue-harness.js';
import type { RunningWorker } from './queue-harness.js';

let redis: TestRedis;
let root: string;
let workers: RunningWorker[] = [];

before(async () => {
  redis = await startRedis();
  root = await tempDir();
  workers = [await startWorker(root, 'A', redis), await startWorker(root, 'B', redis)];
});

after(async () => {
  for (const w of workers) await stopWorker(w);
  await redis.close();
});

test('real photos split between machines A and B: same outputs as a local run, both machines stored, nothing left in Redis', async () => {
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 8, 900);
  const db = path.join(root, 'runs.db');
  const settings = ['--fit', '400x400', '--blur', '1.5', '--format', 'webp', '--quality', '70'];
  const queued = await runCli(
    [
      'process',
      input,
      '--out',
      path.join(root, 'out-queue'),
      ...settings,
      '--queue',
      redis.url,
      '--json',
      '--db',
      db,
    ],
    QUEUE_ENV,
  );
  assert.equal(queued.code, 0, queued.stderr);
  const summary = JSON.parse(queued.stdout);
  assert.equal(summary.items.ok, 8);

  const local = await runCli([
    'process',
    input,
    '--out',
    path.join(root, 'out-local'),
    ...settings,
    '--workers',
    '1',
    '--db',
    db,
  ]);
  assert.equal(local.code, 0, local.stderr);
  const names = filesUnder(path.join(root, 'out-local'));
  assert.equal(names.length, 8);
  assert.deepEqual(
    filesUnder(path.join(root, 'out-queue')),
    names,
    'same files, no temp or probe left',
  );
  for (const name of names) {
    const [a, b] = await Promise.all([
      readFile(path.join(root, 'out-queue', name)),
      readFile(path.join(root, 'out-local', name)),
    ]);
    assert.ok(a.equals(b), `${name}: the queue's output differs from the local one`);
  }

  const shown = await shownRun(db, summary.runId);
  const machines = shown.machines as { name: string; ok: number; lanes: number; failed: number }[];
  assert.deepEqual(machines.map((m) => m.name).sort(), ['A', 'B'], 'both machines did work');
  assert.equal(
    machines.reduce((sum, m) => sum + m.ok, 0),
    8,
  );
  for (const m of machines)
    assert.ok(m.ok >= 1 && m.lanes === 1 && m.failed === 0, JSON.stringify(m));
  assert.deepEqual(summary.machines, machines, "the run's --json says the same");
  await assertNoRunKeys(redis, summary.runId);
});
