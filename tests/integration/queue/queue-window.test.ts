/**
 * The window's queue: `queue:workers` names the connected `photobatch worker`s (or says what is
 * wrong in words), and `process:start` with a queue runs through the same QueueDispatcher as the
 * CLI, recording the lanes that really served it and the machines' memory. Through the command
 * service the shells relay, with a real Redis, a real worker process and a real SQLite file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, runCli } from '../../helpers/cli.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { freePort, startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import { RunStore } from '../../../src/db/run-store.js';
import { createCommandService } from '../../../src/engine/command-handlers.js';
import type { CommandService } from '../../../src/engine/command-handlers.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import type { AppEvent, CommandResults } from '../../../src/shared/contract.js';
import { assertNoRunKeys, QUEUE_ENV, startWorker, stopWorker } from './queue-harness.js';
import type { RunningWorker } from './queue-harness.js';

const PASSWORD = 'window secret';
let redis: TestRedis;
let root: string;
let input: string;
let store: RunStore;
let service: CommandService;
let worker: RunningWorker;
const events: AppEvent[] = [];

before(async () => {
  Object.assign(process.env, QUEUE_ENV);
  redis = await startRedis({ password: PASSWORD });
  root = await tempDir();
  input = path.join(root, 'in');
  await folderOfPhotos(input, 3, 600);
  worker = await startWorker(root, 'studio-A', redis);
  store = RunStore.open(path.join(root, 'db.sqlite'));
  service = createCommandService({
    store,
    hostFactory: forkHostFactory,
    dataDir: root,
    emit: (e) => events.push(e),
    host: {
      kind: 'web',
      pickFolder: async () => null,
      openFolder: async () => false,
      uploadLimits: null,
    },
  });
});

after(async () => {
  await service?.dispose();
  store?.close();
  if (worker) await stopWorker(worker);
  await redis?.close();
});

async function ask(url: string) {
  return service.dispatch('queue:workers', { url });
}

test('queue:workers lists the connected worker by name, and says in words what is wrong', async () => {
  const answer = await ask(redis.url);
  assert.ok(answer.ok, JSON.stringify(answer));
  const value = answer.value as CommandResults['queue:workers'];
  assert.deepEqual(
    value.workers.map((w) => w.name),
    ['studio-A'],
  );
  assert.equal(value.workers[0]!.lanes, 1);
  assert.equal(value.warning, null);
  assert.doesNotMatch(value.queue, /secret/);

  const bad = await ask('http://127.0.0.1:6379');
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /must be a redis:\/\/ or rediss:\/\/ URL, got "http:/);
  const wrongPassword = await ask(`redis://:wrong@127.0.0.1:${redis.port}`);
  assert.ok(!wrongPassword.ok);
  assert.match(wrongPassword.error.message, /wrong user name or password/);
  const nobody = await ask(`redis://127.0.0.1:${await freePort()}`);
  assert.ok(!nobody.ok);
  assert.match(nobody.error.message, /nothing listens there/);

  // An evicting Redis is a warning here (a run through it is refused when it starts).
  await redis.command('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
  try {
    const evicting = await ask(redis.url);
    assert.ok(evicting.ok, JSON.stringify(evicting));
    assert.match(
      (evicting.value as CommandResults['queue:workers']).warning ?? '',
      /maxmemory-policy allkeys-lru.*noeviction/,
    );
  } finally {
    await redis.command('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  }
});

test('process:start with a queue runs on the worker; the run records its lanes and memory', async () => {
  const out = path.join(root, 'out');
  const started = await service.dispatch('process:start', {
    inputs: [input],
    outDir: out,
    // More workers than the queue has lanes: the record must say the 1 lane that served it.
    settings: { fit: { width: 200, height: 200 }, workers: 4 },
    label: null,
    queue: { url: redis.url, localWorkers: 0 },
  });
  assert.ok(started.ok, JSON.stringify(started));
  const { runId } = started.value as CommandResults['process:start'];
  const finished = await new Promise<AppEvent>((resolve) => {
    const check = () => {
      const e = events.find((x) => x.name === 'run:finished' && x.payload.summary.runId === runId);
      if (e) resolve(e);
      else setTimeout(check, 50);
    };
    check();
  });
  assert.ok(finished.name === 'run:finished');
  assert.equal(finished.payload.status, 'completed');
  assert.equal(finished.payload.summary.workers, 1);
  const run = store.getRun(runId)!;
  assert.equal(run.ok, 3);
  assert.equal(run.workers, 1, 'the lanes that served it, not the 4 asked for');
  assert.deepEqual(
    run.machines?.map((m) => [m.name, m.lanes, m.ok]),
    [['studio-A', 1, 3]],
  );
  assert.ok((run.peakRssWorkerBytes ?? 0) > 10_000_000, `worker peak ${run.peakRssWorkerBytes}`);
  await assertNoRunKeys(redis, runId);

  // A bad queue: an error in words and no run stored.
  const before = store.listRuns({}).length;
  const refused = await service.dispatch('process:start', {
    inputs: [input],
    outDir: path.join(root, 'out2'),
    settings: {},
    label: null,
    queue: { url: 'redis://', localWorkers: 0 },
  });
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /^Queue: /);
  assert.equal(store.listRuns({}).length, before);
});

test('resume --queue continues a cancelled queue run through the queue', async () => {
  // Database 1 of the same Redis: no worker serves it, so the run waits until it is cancelled.
  const out = path.join(root, 'out-resumed');
  const started = await service.dispatch('process:start', {
    inputs: [input],
    outDir: out,
    settings: { fit: { width: 200, height: 200 } },
    label: null,
    queue: { url: `${redis.url}/1`, localWorkers: 0 },
  });
  assert.ok(started.ok, JSON.stringify(started));
  const { runId } = started.value as CommandResults['process:start'];
  await service.dispatch('run:cancel', { runId });
  await eventually(() => store.getRun(runId)?.status === 'cancelled');

  const resumed = await runCli(
    ['resume', String(runId), '--queue', redis.url, '--json', '--db', store.path],
    QUEUE_ENV,
  );
  assert.equal(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout) as {
    runId: number;
    items: { ok: number };
    machines: { name: string; ok: number }[];
  };
  assert.equal(summary.items.ok, 3);
  assert.deepEqual(
    summary.machines.map((m) => [m.name, m.ok]),
    [['studio-A', 3]],
  );
  assert.equal(store.getRun(summary.runId)!.resumedFrom, runId);
});
