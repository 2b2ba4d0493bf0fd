/**
 * The process engine end to end in this process: real photos, real worker processes
 * (child_process.fork), real SQLite. No timed assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { RunStore } from '../../../src/db/run-store.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import { startProcessRun } from '../../../src/engine/process-run.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import type { ProcessSettings } from '../../../src/shared/settings.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { RunCollector } from '../../helpers/run-collector.js';
import { filesUnder } from '../../helpers/files-under.js';
import { isAlive } from '../../helpers/cli.js';
import { watchedHosts } from '../../helpers/watched-hosts.js';

function settings(overrides: Partial<ProcessSettings> = {}): ProcessSettings {
  return { ...defaultProcessSettings(2), ...overrides };
}

test('blurs and fits a folder of real photos into a mirrored tree, and stores every item', async () => {
  const root = await tempDir();
  const input = path.join(root, 'trip');
  await folderOfPhotos(path.join(input, 'day1'), 3);
  await folderOfPhotos(path.join(input, 'day2'), 2);
  await writeFile(path.join(input, 'readme.txt'), 'notes');
  const store = RunStore.open(path.join(root, 'runs.db'));
  const events = new RunCollector();
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({
        blur: 4,
        fit: { width: 300, height: 300 },
        workers: 2,
        pipeline: 'exact',
      }),
      label: 'test',
    },
    { store, hostFactory: forkHostFactory, onEvent: events.onEvent },
  );
  const summary = await handle.finished;
  assert.equal(summary.status, 'completed');
  assert.deepEqual(summary.items, { total: 6, ok: 5, failed: 0, skipped: 1 });
  const outputs = filesUnder(path.join(root, 'out')).sort();
  assert.deepEqual(outputs, [
    'day1/photo-000.jpg',
    'day1/photo-001.jpg',
    'day1/photo-002.jpg',
    'day2/photo-000.jpg',
    'day2/photo-001.jpg',
  ]);
  for (const rel of outputs) {
    const meta = await sharp(path.join(root, 'out', rel)).metadata();
    assert.ok(meta.width! <= 300 && meta.height! <= 300, `${rel} fits inside 300x300`);
    assert.ok(
      Math.max(meta.width!, meta.height!) === 300,
      `${rel} is fitted, not left at full size`,
    );
    assert.equal(meta.format, 'jpeg');
  }
  const items = store.listItems(handle.runId);
  const ok = items.filter((i) => i.status === 'ok');
  assert.equal(ok.length, 5);
  for (const item of ok) {
    assert.ok(item.workerId === 0 || item.workerId === 1);
    assert.ok(item.queuedMs !== null && item.queuedMs <= item.startMs!, 'queued before it started');
    assert.ok(item.startMs! <= item.endMs!);
    assert.ok(
      item.readMs! > 0 && item.opsMs! > 0 && item.encodeMs! > 0,
      'per-stage timings recorded',
    );
    assert.ok(item.widthIn! > 300 && item.widthOut! <= 300);
  }
  const run = store.getRun(handle.runId)!;
  assert.equal(run.status, 'completed');
  assert.ok(
    run.wallMs! > 0 && run.cpuMs! > 0 && run.peakRssWorkerBytes! > 0 && run.peakRssEngineBytes! > 0,
  );
  assert.equal(run.pipeline, 'exact');
  assert.ok(events.events.some((e) => e.name === 'run:finished'));
  const doneEvents = events.events.flatMap((e) => (e.name === 'item:done' ? e.payload.items : []));
  assert.equal(doneEvents.length, 6, 'every item announced once');
  store.close();
});

test('a worker killed mid-run is replaced and every image still gets done', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 8, 1600);
  const store = RunStore.open(path.join(root, 'runs.db'));
  const { factory, hosts, whenSent } = watchedHosts();
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ blur: 12, workers: 2 }),
      label: null,
    },
    { store, hostFactory: factory, onEvent: () => {} },
  );
  (await whenSent(1)).kill();
  const summary = await handle.finished;
  assert.equal(summary.items.ok, 8, JSON.stringify(summary.failures));
  assert.ok(hosts.length > 2, 'a replacement worker was started');
  assert.equal(filesUnder(path.join(root, 'out')).length, 8);
  const retried = store.listItems(handle.runId).filter((i) => i.attempts === 2);
  assert.ok(retried.length >= 1, 'the killed task was retried');
  store.close();
});

test('an image that runs past the time limit is retried once, then recorded as failed; the run finishes', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 1, 2000);
  const store = RunStore.open(path.join(root, 'runs.db'));
  const { factory, hosts } = watchedHosts();
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ blur: 60, workers: 1, timeoutMs: 100 }),
      label: null,
    },
    { store, hostFactory: factory, onEvent: () => {} },
  );
  const summary = await handle.finished;
  assert.equal(summary.status, 'completed');
  assert.equal(summary.items.failed, 1);
  assert.match(summary.failures[0]!.error, /took longer than/);
  const [item] = store.listItems(handle.runId);
  assert.equal(item!.attempts, 2);
  assert.deepEqual(filesUnder(path.join(root, 'out')), [], 'no half-written output');
  assert.ok(
    hosts.every((h) => !isAlive(h.host.pid!)),
    'no worker left behind',
  );
  store.close();
});

test('cancel stops the run: stored as cancelled, no temp files, no workers left', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 12, 1600);
  const store = RunStore.open(path.join(root, 'runs.db'));
  const { factory, hosts, whenSent } = watchedHosts();
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ blur: 20, workers: 2 }),
      label: null,
    },
    { store, hostFactory: factory, onEvent: () => {} },
  );
  await whenSent(1);
  handle.cancel();
  const summary = await handle.finished;
  assert.equal(summary.status, 'cancelled');
  assert.ok(summary.items.ok < 12);
  assert.equal(store.getRun(handle.runId)!.status, 'cancelled');
  const leftovers = filesUnder(path.join(root, 'out')).filter((f) => f.endsWith('.tmp'));
  assert.deepEqual(leftovers, []);
  for (const f of filesUnder(path.join(root, 'out'))) {
    await sharp(path.join(root, 'out', f)).metadata(); // every output that exists is whole
  }
  assert.ok(
    hosts.every((h) => !isAlive(h.host.pid!)),
    'no worker left behind',
  );
  store.close();
});
