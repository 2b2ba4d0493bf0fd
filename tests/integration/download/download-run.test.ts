/**
 * Download runs end to end in this process: a real loopback server, real files, real SQLite,
 * real worker processes for `--process`. Every test checks what is on disk afterwards.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { RunStore } from '../../../src/db/run-store.js';
import { startDownloadRun } from '../../../src/engine/download/download-run.js';
import type { DownloadRunRequest } from '../../../src/engine/download/download-run.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import { UsageError } from '../../../src/engine/usage-error.js';
import { DEFAULT_DOWNLOAD_SETTINGS, defaultProcessSettings } from '../../../src/shared/settings.js';
import type { ItemRecord } from '../../../src/shared/records.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir as makeTempDir } from '../../helpers/real-photos.js';
import { RunCollector } from '../../helpers/run-collector.js';
import { filesUnder } from '../../helpers/files-under.js';

let server: ImageServer;
before(async () => {
  server = await startImageServer();
});
after(async () => {
  await server.close();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Temp folders of this file's tests, removed at the end. */
const roots: string[] = [];
async function tempDir(prefix?: string): Promise<string> {
  const root = await makeTempDir(prefix);
  roots.push(root);
  return root;
}

async function setup(): Promise<{
  root: string;
  out: string;
  store: RunStore;
  events: RunCollector;
}> {
  const root = await tempDir('photobatch-download-');
  return {
    root,
    out: path.join(root, 'downloads'),
    store: RunStore.open(path.join(root, 'runs.db')),
    events: new RunCollector(),
  };
}

function request(
  out: string,
  urlsText: string,
  overrides: Partial<DownloadRunRequest> = {},
): DownloadRunRequest {
  return {
    urlsText,
    sourceName: 'urls.txt',
    outDir: out,
    settings: { ...DEFAULT_DOWNLOAD_SETTINGS, concurrency: 4, timeoutMs: 2000, maxBytes: 100_000 },
    process: null,
    label: 'test',
    retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  };
}

test('a mixed list: every line is an item, good files land under safe unique names, failures say why', async () => {
  const { root, out, store, events } = await setup();
  const u = (p: string) => server.url(p);
  const list = [
    '# holiday photos',
    u('/img/plain.jpg'),
    `   ${u('/octet/octet.jpg')}   `,
    u('/img/photo-1542281286-9e0a16bb7366?w=1080'),
    u('/status/404/missing.jpg'),
    u('/flaky/2/503/flaky.jpg'),
    u('/retry-after/0/busy.jpg'),
    u('/redirect/3/hop.jpg'),
    u('/loop/a'),
    u('/html/page.jpg'),
    u('/big/300000/huge.jpg'),
    u('/reset/cut.jpg'),
    u(`/disposition/${encodeURIComponent('../../evil.jpg')}/get`),
    u('/img/a/same.jpg'),
    u('/img/b/same.jpg'),
    'ftp://example.com/photo.jpg',
    'not a url at all',
    '',
    u('/img/plain.jpg'),
  ].join('\n');
  const handle = await startDownloadRun(request(out, list), {
    store,
    hostFactory: forkHostFactory,
    onEvent: events.onEvent,
  });
  const summary = await handle.finished;

  assert.equal(summary.kind, 'download');
  assert.equal(summary.status, 'completed');
  assert.deepEqual(summary.items, { total: 17, ok: 9, failed: 7, skipped: 1 });
  assert.deepEqual(filesUnder(out), [
    'busy.jpg',
    'evil.jpg',
    'flaky.jpg',
    'hop.jpg',
    'octet.jpg',
    'photo-1542281286-9e0a16bb7366.jpg',
    'plain.jpg',
    'same-1.jpg',
    'same.jpg',
  ]);
  assert.deepEqual(
    readdirSync(root).sort(),
    ['downloads', 'runs.db', 'runs.db-shm', 'runs.db-wal'].filter((n) =>
      existsSync(path.join(root, n)),
    ),
  );

  const failures = new Map(summary.failures.map((f) => [f.source, f.error]));
  assert.equal(failures.get(u('/status/404/missing.jpg')), 'the server answered 404 Not Found');
  assert.match(failures.get(u('/loop/a'))!, /^the redirects go round in a loop/);
  assert.equal(
    failures.get(u('/html/page.jpg')),
    'the server sent an HTML page (served as text/html), not an image',
  );
  assert.match(
    failures.get(u('/big/300000/huge.jpg'))!,
    /more than the limit of 97\.7 KB \(--max-bytes\)/,
  );
  assert.match(failures.get(u('/reset/cut.jpg'))!, /connection/);
  assert.equal(
    failures.get('ftp://example.com/photo.jpg'),
    'line 16: only http and https URLs can be downloaded, not ftp',
  );
  assert.match(failures.get('not a url at all')!, /^line 17: this is not a URL/);

  const items = store.listItems(summary.runId);
  const bySource = (source: string): ItemRecord => items.find((i) => i.source === source)!;
  assert.deepEqual(
    items.map((i) => i.seq),
    items.map((_, n) => n),
  );
  const flaky = bySource(u('/flaky/2/503/flaky.jpg'));
  assert.equal(flaky.status, 'ok');
  assert.equal(flaky.output, path.join(out, 'flaky.jpg'));
  assert.equal(flaky.download?.attempts, 3);
  assert.equal(flaky.download?.httpStatus, 200);
  assert.equal(flaky.download?.bytes, server.jpeg.length);
  assert.equal(flaky.download?.savedPath, path.join(out, 'flaky.jpg'));
  const d = flaky.download!;
  assert.ok(
    d.queuedMs !== null && d.startMs !== null && d.firstByteMs !== null && d.endMs !== null,
  );
  assert.ok(d.queuedMs <= d.startMs && d.startMs <= d.firstByteMs && d.firstByteMs <= d.endMs);
  assert.equal(bySource(u('/redirect/3/hop.jpg')).download?.finalUrl, u('/img/hop.jpg'));
  assert.equal(bySource(u('/status/404/missing.jpg')).download?.httpStatus, 404);
  const repeat = items.at(-1)!;
  assert.equal(repeat.status, 'skipped');
  assert.equal(repeat.error, 'line 19: the same URL as line 2, downloaded once');
  assert.equal(server.hits('/img/plain.jpg'), 1);

  const run = store.getRun(summary.runId)!;
  assert.equal(run.kind, 'download');
  assert.deepEqual(run.inputs, ['urls.txt']);
  assert.equal(run.settings.download?.concurrency, 4);
  assert.equal(run.settings.process, null);
  const done = events.events.flatMap((e) => (e.name === 'item:done' ? e.payload.items : []));
  assert.equal(done.length, 17);
  assert.ok(events.events.some((e) => e.name === 'run:finished'));
  store.close();
});

test('the concurrency limit is reached and never exceeded', async () => {
  const { out, store, events } = await setup();
  // Hold every answer until four requests wait at once, so the limit must be reached to finish.
  let waiting: (() => void)[] = [];
  const release = () => {
    waiting.forEach((go) => go());
    waiting = [];
  };
  const fallback = setTimeout(release, 10_000);
  server.route('gate', (_req, res) => {
    waiting.push(() => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(server.jpeg));
    if (server.stats.inFlight >= 4) release();
  });
  server.resetStats();
  const list = Array.from({ length: 12 }, (_, i) => server.url(`/gate/g${i}.jpg`)).join('\n');
  const handle = await startDownloadRun(request(out, list), {
    store,
    hostFactory: forkHostFactory,
    onEvent: events.onEvent,
  });
  const summary = await handle.finished;
  clearTimeout(fallback);
  assert.equal(summary.items.ok, 12);
  assert.equal(server.stats.maxInFlight, 4);
  assert.equal(filesUnder(out).length, 12);
  store.close();
});

test('cancel mid-run: stored as cancelled, nothing half-written, no temp files', async () => {
  const { out, store, events } = await setup();
  server.resetStats();
  const list = [
    server.url('/img/first.jpg'),
    ...Array.from({ length: 6 }, (_, i) => server.url(`/stall/s${i}.jpg`)),
  ].join('\n');
  const handle = await startDownloadRun(
    request(out, list, {
      settings: { ...DEFAULT_DOWNLOAD_SETTINGS, concurrency: 2, timeoutMs: 60_000 },
    }),
    {
      store,
      hostFactory: forkHostFactory,
      onEvent: events.onEvent,
    },
  );
  // Two stalled bodies in flight (each has written part of its temp file) before cancelling.
  while (server.stats.inFlight < 2 || !existsSync(path.join(out, 'first.jpg')))
    await new Promise((r) => setTimeout(r, 10));
  handle.cancel();
  const summary = await handle.finished;
  assert.equal(summary.status, 'cancelled');
  assert.equal(store.getRun(summary.runId)?.status, 'cancelled');
  assert.deepEqual(filesUnder(out), ['first.jpg']);
  const items = store.listItems(summary.runId);
  assert.equal(items.filter((i) => i.status === 'ok').length, 1);
  assert.equal(items.filter((i) => i.status === 'pending').length, 6);
  store.close();
});

test('download --process: each saved file is processed; both stages are recorded', async () => {
  const { out, store, events } = await setup();
  const list = ['a', 'b', 'c'].map((n) => server.url(`/photo/640x480/${n}.jpg`)).join('\n');
  const processSettings = {
    ...defaultProcessSettings(1),
    workers: 1,
    fit: { width: 100, height: 100 },
    format: 'webp' as const,
  };
  const handle = await startDownloadRun(
    request(out, list, {
      settings: { ...DEFAULT_DOWNLOAD_SETTINGS, concurrency: 2 },
      process: processSettings,
    }),
    { store, hostFactory: forkHostFactory, onEvent: events.onEvent },
  );
  const summary = await handle.finished;
  assert.deepEqual(summary.items, { total: 3, ok: 3, failed: 0, skipped: 0 });
  assert.equal(summary.workers, 1);
  assert.deepEqual(filesUnder(out), [
    'a.jpg',
    'b.jpg',
    'c.jpg',
    'processed/a.webp',
    'processed/b.webp',
    'processed/c.webp',
  ]);
  const meta = await sharp(path.join(out, 'processed', 'a.webp')).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 100, 75]);
  for (const item of store.listItems(summary.runId)) {
    assert.equal(
      item.output,
      path.join(out, 'processed', `${path.basename(item.source, '.jpg')}.webp`),
    );
    const d = item.download!;
    assert.equal(d.savedPath, path.join(out, path.basename(item.source)));
    // Stages in order: downloaded, then queued for a worker, then processed on it.
    assert.ok(
      d.endMs !== null && item.queuedMs !== null && item.startMs !== null && item.endMs !== null,
    );
    assert.ok(
      d.endMs <= item.queuedMs && item.queuedMs <= item.startMs && item.startMs <= item.endMs,
    );
    assert.equal(item.workerId, 0);
    assert.deepEqual(
      [item.widthIn, item.heightIn, item.widthOut, item.heightOut],
      [640, 480, 100, 75],
    );
  }
  const run = store.getRun(summary.runId)!;
  assert.equal(run.settings.process?.format, 'webp');
  assert.ok(run.cpuMs !== null && run.peakRssWorkerBytes !== null && run.peakRssWorkerBytes > 0);
  store.close();
});

test('download --process: a saved file the workers cannot decode fails with both facts; no output', async () => {
  const { out, store, events } = await setup();
  // A whole JPEG by its structure (so the download's content check passes) whose Huffman
  // tables are garbage: only decoding finds out.
  const garbled = Buffer.from(server.jpeg);
  const dht = garbled.indexOf(Buffer.from([0xff, 0xc4]));
  garbled.fill(0xee, dht + 5, dht + 5 + 16);
  server.file('/damaged/torn.jpg', garbled, 'image/jpeg');
  const list = [server.url('/damaged/torn.jpg'), server.url('/img/fine.jpg')].join('\n');
  const processSettings = { ...defaultProcessSettings(1), workers: 1 };
  const handle = await startDownloadRun(request(out, list, { process: processSettings }), {
    store,
    hostFactory: forkHostFactory,
    onEvent: events.onEvent,
  });
  const summary = await handle.finished;
  assert.deepEqual(summary.items, { total: 2, ok: 1, failed: 1, skipped: 0 });
  assert.match(
    summary.failures[0]!.error,
    /^saved as torn\.jpg, but processing failed: .*(truncated|damaged)/,
  );
  assert.deepEqual(filesUnder(out), ['fine.jpg', 'processed/fine.jpg', 'torn.jpg']);
  const torn = store.listItems(summary.runId)[0]!;
  assert.equal(torn.download?.savedPath, path.join(out, 'torn.jpg'));
  assert.equal(torn.output, null);
  store.close();
});

test('an empty list is bad usage and stores no run', async () => {
  const { out, store } = await setup();
  await assert.rejects(
    startDownloadRun(request(out, '# nothing here\n\n'), {
      store,
      hostFactory: forkHostFactory,
      onEvent: () => {},
    }),
    (error: unknown) =>
      error instanceof UsageError && /urls\.txt: no URLs in it/.test(error.message),
  );
  assert.equal(store.listRuns().length, 0);
  store.close();
});
