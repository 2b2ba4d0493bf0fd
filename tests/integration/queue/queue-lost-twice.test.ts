/**
 * A task whose machine stops answering twice (kill -9 of the machine holding it, then of the
 * next one) is recorded failed in words naming the last machine, and the run ends (exit 1).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { childPids, startCli } from '../../helpers/cli.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import { assertNoRunKeys, QUEUE_ENV, startWorker } from './queue-harness.js';
import type { RunningWorker } from './queue-harness.js';

let redis: TestRedis;
let root: string;

before(async () => {
  redis = await startRedis();
  root = await tempDir();
  await folderOfPhotos(path.join(root, 'in'), 1, 2560);
});

after(async () => {
  await redis.close();
});

/** The machine holding the run's only task once it is active and held by someone not in `not`. */
async function holder(not: string[]): Promise<string> {
  for (let i = 0; i < 2000; i++) {
    const active = await redis.command('LRANGE', 'bull:photobatch-tasks:active', '0', '-1');
    if (active.includes('r1-i1')) {
      // The machine has started it (said so in the run's holders), not only taken it.
      const reply = await redis.command('HGET', 'bull:photobatch-tasks:r1-i1', 'pb');
      const name = reply.split('\r\n')[1];
      const started = await redis.command('HGET', 'photobatch:holders:r1', '1');
      if (name && !not.includes(name) && started.split('\r\n')[1] === name) return name;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const job = await redis.command('HGETALL', 'bull:photobatch-tasks:r1-i1');
  const lists = await redis.command('KEYS', 'bull:photobatch-tasks:*');
  throw new Error(
    `no machine took the task: ${job.replace(/\r\n/g, ' ').slice(0, 600)} ${lists.replace(/\r\n/g, ' ')}`,
  );
}

function killMachine(worker: RunningWorker): void {
  for (const pid of childPids(worker.child.pid!)) process.kill(pid, 'SIGKILL');
  worker.child.kill('SIGKILL');
}

test('lost twice: the task fails with "lost twice: machine X stopped answering", exit 1', async () => {
  const workers = new Map<string, RunningWorker>();
  for (const name of ['A', 'B', 'C']) workers.set(name, await startWorker(root, name, redis));
  try {
    const run = startCli(
      [
        'process',
        path.join(root, 'in'),
        '--out',
        path.join(root, 'out'),
        '--blur',
        '40',
        '--queue',
        redis.url,
        '--json',
        '--db',
        path.join(root, 'runs.db'),
      ],
      QUEUE_ENV,
    );
    const first = await holder([]);
    killMachine(workers.get(first)!);
    const second = await holder([first]);
    killMachine(workers.get(second)!);
    const r = await run.done;
    assert.equal(r.code, 1, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.items.failed, 1);
    assert.equal(summary.failures[0].error, `lost twice: machine ${second} stopped answering`);
    await assertNoRunKeys(redis, summary.runId);
  } finally {
    for (const w of workers.values()) killMachine(w);
  }
});
