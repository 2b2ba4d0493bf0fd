/**
 * The coordinator with no worker (one warning, the run waits, cancel works) and the worker's
 * signals (a second one ends it at once with 130).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, startCli, waitForStderr } from '../../helpers/cli.js';
import { filesUnder } from '../../helpers/files-under.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import { assertNoRunKeys, QUEUE_ENV, startWorker } from './queue-harness.js';

let redis: TestRedis;
let root: string;
let input: string;

before(async () => {
  redis = await startRedis();
  root = await tempDir();
  input = path.join(root, 'in');
  await folderOfPhotos(input, 4, 1200);
});

after(async () => {
  await redis.close();
});

test('no worker connected: one warning, the run waits, cancel leaves nothing', async () => {
  const out = path.join(root, 'out-alone');
  const run = startCli(
    [
      'process',
      input,
      '--out',
      out,
      '--queue',
      redis.url,
      '--json',
      '--db',
      path.join(root, 'alone.db'),
    ],
    QUEUE_ENV,
  );
  let stderr = '';
  run.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitForStderr(
    run.child,
    /no photobatch worker has been connected to redis:\/\/127\.0\.0\.1:\d+ for \d+ s; the run waits/,
  );
  run.child.kill('SIGINT');
  const r = await run.done;
  assert.equal(r.code, 130, r.stderr);
  assert.equal(stderr.match(/no photobatch worker/g)?.length, 1, 'said once');
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.status, 'cancelled');
  assert.deepEqual(filesUnder(out), []);
  await assertNoRunKeys(redis, summary.runId);
});

test('worker: a second signal while finishing ends it at once with 130', async () => {
  const worker = await startWorker(root, 'S', redis);
  const out = path.join(root, 'out-signals');
  const run = startCli(
    [
      'process',
      input,
      '--out',
      out,
      '--blur',
      '20',
      '--queue',
      redis.url,
      '--json',
      '--db',
      path.join(root, 'signals.db'),
    ],
    QUEUE_ENV,
  );
  try {
    // A task in flight: BullMQ lists it as active while the worker's pool works on it.
    let active = false;
    for (let i = 0; i < 600 && !active; i++) {
      active = !(await redis.command('LLEN', 'bull:photobatch-tasks:active')).startsWith(':0');
      if (!active) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(active, 'the worker took a task');
    worker.child.kill('SIGINT');
    await eventually(() => /finishing the images in flight/.test(worker.stderr()), 10_000);
    worker.child.kill('SIGINT');
    const { code } = await worker.exited;
    assert.equal(code, 130, worker.stderr());
  } finally {
    run.child.kill('SIGINT');
    await run.done;
  }
});
