/**
 * The run lifecycle with real parts: a fault inside a run ends it `failed` in words and leaves
 * nothing running; a database locked by another connection mid-run costs nothing; a worker that
 * dies with tasks queued has all of them redone; item times come from the workers' own clocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { RunStore } from '../../../src/db/run-store.js';
import { BUSY_TIMEOUT_MS } from '../../../src/db/open-database.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import { startProcessRun } from '../../../src/engine/process-run.js';
import type { RunSummary } from '../../../src/shared/records.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import type { ProcessSettings } from '../../../src/shared/settings.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { RunCollector } from '../../helpers/run-collector.js';
import { filesUnder } from '../../helpers/files-under.js';
import { isAlive } from '../../helpers/cli.js';
import { watchedHosts } from '../../helpers/watched-hosts.js';

const run = promisify(execFile);

function settings(overrides: Partial<ProcessSettings> = {}): ProcessSettings {
  return { ...defaultProcessSettings(2), ...overrides };
}

test('an exception inside a run ends it failed, with the reason in words, and nothing is left running', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 8, 600);
  const db = path.join(root, 'runs.db');
  const script = path.join(import.meta.dirname, 'fixtures', 'faulty-run.ts');
  // The child must exit by itself: a timer, a worker or a handle left behind would keep it alive
  // until this guard kills it (and execFile then rejects).
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', script, input, path.join(root, 'out'), db],
    {
      timeout: 120_000,
    },
  );
  const summary = JSON.parse(stdout) as RunSummary;
  assert.equal(summary.status, 'failed');
  assert.match(summary.error ?? '', /internal error.*simulated bug in the dispatcher/);
  assert.equal(summary.historyError, null);
  const store = RunStore.open(db);
  const stored = store.getRun(summary.runId)!;
  assert.equal(stored.status, 'failed');
  assert.equal(stored.error, summary.error);
  assert.ok(stored.finishedAt !== null, 'its end is recorded');
  assert.equal(store.deleteRun(summary.runId), true, 'a failed run can be deleted');
  store.close();
  assert.deepEqual(
    filesUnder(path.join(root, 'out')).filter((f) => f.endsWith('.tmp')),
    [],
    'no temp file left',
  );
});

test('another program holding the write lock mid-run costs nothing: every image done and stored', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 24, 500);
  const dbPath = path.join(root, 'runs.db');
  const store = RunStore.open(dbPath);
  const events = new RunCollector();
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ blur: 2, workers: 2 }),
      label: null,
    },
    { store, hostFactory: forkHostFactory, onEvent: events.onEvent },
  );
  await events.waitFor((e) => e.name === 'item:done');
  // A DB browser, a backup tool: it holds BEGIN EXCLUSIVE for longer than the driver's busy timeout.
  const other = new Database(dbPath);
  other.exec('BEGIN EXCLUSIVE');
  let released = false;
  const release = setTimeout(() => {
    other.exec('COMMIT');
    other.close();
    released = true;
  }, BUSY_TIMEOUT_MS + 1500);
  // A writer that waited out the driver's busy timeout would freeze this process for that long:
  // the ticker would see a gap of seconds. Half the busy timeout leaves room for a slow machine.
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 20);
  const summary = await handle.finished;
  clearInterval(ticker);
  clearTimeout(release);
  if (!released) {
    other.exec('COMMIT');
    other.close();
  }
  assert.equal(summary.status, 'completed');
  assert.equal(summary.historyError, null);
  assert.equal(summary.items.ok, 24, JSON.stringify(summary.failures));
  assert.ok(
    longestGap < BUSY_TIMEOUT_MS / 2,
    `the event loop kept turning while the database was locked (longest pause ${Math.round(longestGap)} ms)`,
  );
  const stored = store.getRun(handle.runId)!;
  assert.equal(stored.status, 'completed');
  // The image library's versions come from the workers (the engine never loads sharp).
  assert.match(stored.machine.sharp, /^\d+\.\d+\.\d+/);
  assert.match(stored.machine.libvips, /^\d+\.\d+\.\d+/);
  const items = store.listItems(handle.runId);
  assert.equal(items.length, 24);
  assert.ok(items.every((i) => i.status === 'ok' && i.endMs !== null && i.bytesOut !== null));
  assert.equal(filesUnder(path.join(root, 'out')).length, 24);
  store.close();
});

test('a worker killed with tasks queued in it: the one it was on is retried, the queued ones are redone untried', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 10, 1400);
  const store = RunStore.open(path.join(root, 'runs.db'));
  const { factory, hosts, whenSent } = watchedHosts();
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ blur: 10, workers: 2 }),
      label: null,
    },
    { store, hostFactory: factory, onEvent: () => {} },
  );
  (await whenSent(2)).kill();
  const summary = await handle.finished;
  assert.equal(summary.items.ok, 10, JSON.stringify(summary.failures));
  assert.ok(hosts.length > 2, 'a replacement worker was started');
  const items = store.listItems(handle.runId);
  assert.ok(
    items.filter((i) => i.attempts === 2).length <= 1,
    'only the image it was on counts a second try',
  );
  assert.equal(filesUnder(path.join(root, 'out')).length, 10);
  assert.ok(
    hosts.every((h) => !isAlive(h.host.pid!)),
    'no worker left behind',
  );
  store.close();
});

test("item times come from the workers' own clocks, mapped to the run's clock once per worker", async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 12, 900);
  const store = RunStore.open(path.join(root, 'runs.db'));
  // A worker whose clock reads an hour ahead: every time it sends is shifted the same way.
  const SHIFT = 3_600_000;
  const shifted = (message: unknown) => {
    const m = message as Record<string, unknown>;
    const out = { ...m };
    for (const key of ['now', 'startedAt', 'endedAt'])
      if (typeof m[key] === 'number') out[key] = (m[key] as number) + SHIFT;
    return out;
  };
  const { factory } = watchedHosts(shifted);
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ blur: 6, workers: 2 }),
      label: null,
    },
    { store, hostFactory: factory, onEvent: () => {} },
  );
  const summary = await handle.finished;
  assert.equal(summary.items.ok, 12);
  const items = store.listItems(handle.runId);
  for (const item of items) {
    assert.ok(
      item.startMs! >= 0 && item.endMs! <= summary.wallMs!,
      `within the run: ${item.startMs}–${item.endMs}`,
    );
    assert.ok(item.startMs! <= item.endMs!);
    assert.ok(item.queuedMs! <= item.startMs! + 1, 'started after it was queued');
    // The worker measured its own stages inside its turn.
    const stages = item.readMs! + item.opsMs! + item.encodeMs!;
    assert.ok(stages <= item.endMs! - item.startMs! + 1, 'stages fit inside the measured turn');
  }
  // The offset to each worker's clock is refined as its answers come (the lowest latency seen
  // wins), so two images of one worker mapped with offsets a few ms apart may seem to overlap by
  // that much on a loaded machine; an hour's shift mapped wrongly would be far outside this.
  const REFINEMENT_MS = 25;
  for (const lane of [0, 1]) {
    const mine = items.filter((i) => i.workerId === lane).sort((a, b) => a.startMs! - b.startMs!);
    for (let k = 1; k < mine.length; k++) {
      assert.ok(
        mine[k]!.startMs! >= mine[k - 1]!.endMs! - REFINEMENT_MS,
        `worker ${lane} does one image at a time (${mine[k - 1]!.endMs} then ${mine[k]!.startMs})`,
      );
    }
  }
  store.close();
});

test('a file named like a photo is checked by the worker: a JPEG named .png is written as .jpg, an HTML page named .jpg fails in words', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  const [photo] = await folderOfPhotos(path.join(root, 'src'), 1, 400);
  await folderOfPhotos(input, 2, 400);
  await copyFile(photo!, path.join(input, 'really-a-jpeg.png'));
  await writeFile(
    path.join(input, 'error-page.jpg'),
    '<!doctype html><html><body>Not found</body></html>',
  );
  await writeFile(path.join(input, 'notes.png'), 'just some text');
  const store = RunStore.open(path.join(root, 'runs.db'));
  const handle = await startProcessRun(
    {
      inputs: [input],
      outDir: path.join(root, 'out'),
      settings: settings({ workers: 1 }),
      label: null,
    },
    { store, hostFactory: forkHostFactory, onEvent: () => {} },
  );
  const summary = await handle.finished;
  const bySource = new Map(store.listItems(handle.runId).map((i) => [path.basename(i.source), i]));
  assert.equal(bySource.get('really-a-jpeg.png')!.status, 'ok');
  assert.equal(
    bySource.get('really-a-jpeg.png')!.output,
    path.join(root, 'out', 'really-a-jpeg.jpg'),
  );
  assert.equal(bySource.get('error-page.jpg')!.status, 'failed');
  assert.match(bySource.get('error-page.jpg')!.error!, /not an image \(it is an HTML page\)/);
  assert.match(bySource.get('notes.png')!.error!, /not an image \(it is a text file\)/);
  assert.equal(summary.items.ok, 3);
  assert.deepEqual(
    filesUnder(path.join(root, 'out')).sort(),
    ['photo-000.jpg', 'photo-001.jpg', 'really-a-jpeg.jpg'].sort(),
  );
  store.close();
});

test('an output folder that is a file is refused before anything is stored', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, 1, 300);
  await writeFile(path.join(root, 'not-a-folder'), 'x');
  const store = RunStore.open(path.join(root, 'runs.db'));
  await assert.rejects(
    startProcessRun(
      {
        inputs: [input],
        outDir: path.join(root, 'not-a-folder'),
        settings: settings(),
        label: null,
      },
      { store, hostFactory: forkHostFactory, onEvent: () => {} },
    ),
    (error: Error) => error.name === 'UsageError' && /is a file, not a folder/.test(error.message),
  );
  assert.deepEqual(store.listRuns(), [], 'no run left behind');
  store.close();
});
