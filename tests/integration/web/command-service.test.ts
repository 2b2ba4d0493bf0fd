// The host-agnostic command service both shells relay to: remembered settings, default output
// folders, cancel, re-run with another worker count, downloads (with processing), deletion.
// Real store, real worker processes, real HTTP for downloads; only the host's abilities are stubs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type {
  AppEvent,
  CommandName,
  CommandResults,
  EventPayloads,
} from '../../../src/shared/contract.js';
import { RunStore } from '../../../src/db/run-store.js';
import { createCommandService } from '../../../src/engine/command-handlers.js';
import type { CommandService } from '../../../src/engine/command-handlers.js';
import { defaultOutDir, resolveUserPath } from '../../../src/engine/default-out-dir.js';
import { SETTING_KEYS } from '../../../src/engine/remembered-settings.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import { folderOfPhotos, realPhotos, tempDir } from '../../helpers/real-photos.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';

let dir: string;
let store: RunStore;
let service: CommandService;
let images: ImageServer;
const events: AppEvent[] = [];
const waiters: { match: (e: AppEvent) => boolean; resolve: (e: AppEvent) => void }[] = [];

function waitFor(match: (e: AppEvent) => boolean): Promise<AppEvent> {
  const seen = events.find(match);
  return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
}

function finished(runId: number): Promise<EventPayloads['run:finished']> {
  return waitFor((e) => e.name === 'run:finished' && e.payload.summary.runId === runId).then(
    (e) => e.payload as EventPayloads['run:finished'],
  );
}

async function call<K extends CommandName>(name: K, input: unknown): Promise<CommandResults[K]> {
  const outcome = await service.dispatch(name, input);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as CommandResults[K];
}

before(async () => {
  dir = await tempDir('photobatch-service-');
  store = RunStore.open(path.join(dir, 'photobatch.db'));
  images = await startImageServer();
  service = createCommandService({
    store,
    hostFactory: forkHostFactory,
    dataDir: path.join(dir, 'data'),
    cores: 3,
    host: {
      kind: 'web',
      pickFolder: async () => null,
      openFolder: async () => false,
      uploadLimits: null,
    },
    emit: (event) => {
      events.push(event);
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]!.match(event)) waiters.splice(i, 1)[0]!.resolve(event);
      }
    },
  });
});
after(async () => {
  await service.dispose();
  store.close();
  await images.close();
});

test('settings start from defaults, remember what was set, and survive a bad stored field', async () => {
  const first = await call('settings:get', {});
  assert.equal(first.process.workers, 3, 'workers default to the cores');
  assert.equal(first.dataDir, path.join(dir, 'data'));
  await call('settings:set', { process: { quality: 61 }, download: { concurrency: 5 } });
  // A value that no longer validates (an older version wrote it) falls back alone.
  store.setSetting(SETTING_KEYS.process, {
    ...store.getSetting<object>(SETTING_KEYS.process),
    threads: 'many',
  });
  const again = await call('settings:get', {});
  assert.equal(again.process.quality, 61);
  assert.equal(again.process.threads, 1);
  assert.equal(again.download.concurrency, 5);
  await call('settings:set', { process: { quality: 80 } });
});

test('the default output folder is the sibling <name>-photobatch; typed paths start at home', async () => {
  const folder = path.join(dir, 'Trip 2024');
  const [photo] = await folderOfPhotos(folder, 1, 200);
  assert.equal(await defaultOutDir(folder, '/fallback'), path.join(dir, 'Trip 2024-photobatch'));
  assert.equal(await defaultOutDir(photo!, '/fallback'), path.join(folder, 'photo-000-photobatch'));
  assert.match(await defaultOutDir('/', '/fallback'), /^\/fallback\/output-\d{4}-\d\d-\d\d-\d{6}$/);
  assert.equal(resolveUserPath('~/Pictures', '/home/ann'), '/home/ann/Pictures');
  assert.equal(resolveUserPath('Pictures/trip', '/home/ann'), '/home/ann/Pictures/trip');
  assert.equal(resolveUserPath('/abs', '/home/ann'), '/abs');
});

test(
  'process:start remembers its settings; a re-run with 1 worker repeats it and can be compared',
  { timeout: 120_000 },
  async () => {
    const input = path.join(dir, 'rerun');
    await folderOfPhotos(input, 3, 300);
    const { runId } = await call('process:start', {
      inputs: [input],
      outDir: null,
      settings: { fit: { width: 90, height: 90 }, workers: 2, existing: 'skip' },
      label: 'two workers',
    });
    assert.equal((await finished(runId)).status, 'completed');
    assert.equal((await call('settings:get', {})).process.fit?.width, 90);

    const rerun = await call('runs:rerun', { runId, workers: 1 });
    const done = await finished(rerun.runId);
    // `skip` would have found every output there and timed nothing: a re-run overwrites.
    assert.deepEqual(done.summary.items, { total: 3, ok: 3, failed: 0, skipped: 0 });
    const { run } = await call('runs:get', { runId: rerun.runId });
    assert.equal(run.workers, 1);
    // A one-off re-run is not the user's new choice: the Process screen keeps run #runId's.
    const remembered = await call('settings:get', {});
    assert.equal(remembered.process.workers, 2);
    assert.equal(remembered.processFromRun, runId);
    assert.deepEqual(run.inputs, [input]);
    assert.equal(run.outDir, path.join(dir, 'rerun-photobatch'));
    const comparison = await call('runs:compare', {
      runIds: [runId, rerun.runId],
      baseline: runId,
    });
    assert.equal(comparison.baselineId, runId);
    assert.equal(comparison.runs.length, 2);
    await assert.rejects(
      call('runs:compare', { runIds: [runId], baseline: rerun.runId }),
      /is not one of the runs compared/,
    );
  },
);

test(
  'run:cancel stops a run, which is stored as cancelled; it cannot be deleted while running',
  { timeout: 120_000 },
  async () => {
    const input = path.join(dir, 'cancel');
    await folderOfPhotos(input, 30, 800);
    const { runId } = await call('process:start', {
      inputs: [input],
      outDir: path.join(dir, 'cancel-out'),
      settings: { blur: 25, workers: 1 },
      label: null,
    });
    await waitFor(
      (e) =>
        e.name === 'run:progress' &&
        e.payload.runId === runId &&
        e.payload.workers.some((w) => w.source !== null),
    );
    assert.deepEqual(service.activeRuns(), [runId]);
    await assert.rejects(
      call('runs:delete', { runId }),
      /still running; cancel it before deleting it/,
    );
    assert.deepEqual(await call('run:cancel', { runId }), { cancelled: true });
    const end = await finished(runId);
    assert.equal(end.status, 'cancelled');
    assert.ok(end.summary.items.ok < 30);
    assert.deepEqual(service.activeRuns(), []);
    assert.deepEqual(await call('run:cancel', { runId }), { cancelled: false });
    assert.deepEqual(await call('runs:delete', { runId }), { deleted: true });
    await assert.rejects(call('runs:get', { runId }), /Run \d+ was not found/);
  },
);

test(
  'download:start fetches pasted URLs into the data folder and processes them; a re-run repeats the list',
  { timeout: 120_000 },
  async () => {
    const photo = (await realPhotos(1, 300))[0]!;
    images.file(
      '/album/one.jpg',
      await (await import('node:fs/promises')).readFile(photo),
      'image/jpeg',
    );
    const urls = [
      images.url('/album/one.jpg'),
      images.url('/img/two.jpg'),
      '# a comment',
      images.url('/status/404/gone.jpg'),
    ].join('\n');
    const { runId } = await call('download:start', {
      urls,
      outDir: null,
      settings: { retries: 0 },
      process: { fit: { width: 50, height: 50 }, workers: 1 },
      label: 'pasted',
    });
    const end = await finished(runId);
    assert.equal(end.summary.items.ok, 2);
    assert.equal(end.summary.items.failed, 1);
    // Download's processing options are its own: the Process screen's are untouched.
    const remembered = await call('settings:get', {});
    assert.equal(remembered.downloadProcess?.fit?.width, 50);
    assert.notEqual(remembered.process.fit?.width, 50);
    const { run } = await call('runs:get', { runId });
    assert.equal(path.dirname(run.outDir), path.join(dir, 'data', 'downloads'));
    assert.deepEqual((await readdir(run.outDir)).filter((n) => n.endsWith('.jpg')).sort(), [
      'one.jpg',
      'two.jpg',
    ]);
    assert.ok(existsSync(path.join(run.outDir, 'processed')));

    const again = await call('runs:rerun', { runId });
    const second = await finished(again.runId);
    assert.equal(second.summary.items.total, 3);
    assert.equal(second.summary.items.ok, 2);
  },
);
