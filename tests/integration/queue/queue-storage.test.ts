/**
 * Storage every machine must see: `--map` for a machine that mounts it elsewhere (here, through
 * a symlink), and a machine that cannot see it (its probe fails) handing its tasks back and
 * saying so, never writing anything.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import { filesUnder } from '../../helpers/files-under.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import { assertNoRunKeys, QUEUE_ENV, shownRun, startWorker, stopWorker } from './queue-harness.js';

let redis: TestRedis;
let root: string;
let seen: string;
const COUNT = 4;

before(async () => {
  redis = await startRedis();
  root = await tempDir();
  // The storage, as the coordinator sees it (a symlink) and as machine B mounts it.
  const storage = path.join(root, 'storage');
  await folderOfPhotos(path.join(storage, 'in'), COUNT, 500);
  seen = path.join(root, 'coordinator-view');
  await symlink(storage, seen);
  await symlink(storage, path.join(root, 'b-mount'));
  await mkdir(path.join(root, 'nowhere'));
});

after(async () => {
  await redis.close();
});

test('--map: B sees the storage elsewhere and does every image; A, which cannot, says so and writes nothing', async () => {
  const a = await startWorker(root, 'A', redis, ['--map', `${seen}=${path.join(root, 'nowhere')}`]);
  const b = await startWorker(root, 'B', redis, ['--map', `${seen}=${path.join(root, 'b-mount')}`]);
  try {
    const db = path.join(root, 'map.db');
    const out = path.join(seen, 'out');
    const r = await runCli(
      [
        'process',
        path.join(seen, 'in'),
        '--out',
        out,
        '--fit',
        '200x200',
        '--queue',
        redis.url,
        '--json',
        '--db',
        db,
      ],
      QUEUE_ENV,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`machine A cannot see ${out}: mount it or pass --map`));
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.items.ok, COUNT);
    assert.equal(filesUnder(out).length, COUNT);
    assert.deepEqual(filesUnder(path.join(root, 'nowhere')), [], 'A wrote nothing');
    const machines = (await shownRun(db, summary.runId)).machines as { name: string }[];
    assert.deepEqual(
      machines.map((m) => m.name),
      ['B'],
    );
    await assertNoRunKeys(redis, summary.runId);
  } finally {
    await stopWorker(a);
    await stopWorker(b);
  }
});

test('a failed probe with no other machine: the coordinator says so, the run waits, cancel leaves nothing', async () => {
  const a = await startWorker(root, 'Blind', redis, [
    '--map',
    `${seen}=${path.join(root, 'nowhere')}`,
  ]);
  try {
    const db = path.join(root, 'blind.db');
    const out = path.join(seen, 'out-blind');
    const run = startCli(
      ['process', path.join(seen, 'in'), '--out', out, '--queue', redis.url, '--json', '--db', db],
      QUEUE_ENV,
    );
    await waitForStderr(run.child, /machine Blind cannot see .*: mount it or pass --map/);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.items.ok, 0);
    assert.deepEqual(filesUnder(out), [], 'no output, temp or probe left');
    await assertNoRunKeys(redis, summary.runId);
  } finally {
    await stopWorker(a);
  }
});
