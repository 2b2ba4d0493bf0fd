/**
 * A second download run into the same folder follows --existing, and bytes are announced as they
 * arrive during one large body. Real CLI, real loopback server, real files.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ServerResponse } from 'node:http';
import type { AppEvent, DownloadProgress } from '../../../src/shared/contract.js';
import { DEFAULT_DOWNLOAD_SETTINGS } from '../../../src/shared/settings.js';
import { RunStore } from '../../../src/db/run-store.js';
import { startDownloadRun } from '../../../src/engine/download/download-run.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import { runCli } from '../../helpers/cli.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir } from '../../helpers/real-photos.js';

let server: ImageServer;
let root: string;
const LARGE = 4 * 1024 * 1024;

before(async () => {
  server = await startImageServer();
  root = await tempDir('photobatch-rerun-');
  const large = Buffer.concat([server.jpeg, Buffer.alloc(LARGE - server.jpeg.length)]);
  // 64 KiB every 20 ms: a large body that takes a while, so bytes arrive over many events.
  server.route('large', (_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': large.length });
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(large.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
      if (at >= large.length) {
        clearInterval(timer);
        res.end();
      }
    }, 20);
  });
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const MARK = Buffer.from('the user’s own file, not the download');

/** A folder that already holds photo.jpg (the user's) from before the run, and a list for it. */
async function folderWithPhoto(name: string) {
  const dir = path.join(root, name);
  const out = path.join(dir, 'out');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'photo.jpg'), MARK);
  const list = path.join(dir, 'urls.txt');
  const url = server.url(`/img/${name}/photo.jpg`);
  await writeFile(list, url);
  return { db: path.join(dir, 'db'), out, list, url };
}

async function download(list: string, out: string, db: string, ...more: string[]) {
  const r = await runCli(['download', list, '--out', out, '--json', '--db', db, ...more]);
  return { r, summary: JSON.parse(r.stdout || '{}') };
}

test('--existing rename (the default): the new file is photo-1.jpg, the old one untouched', async () => {
  const { db, out, list } = await folderWithPhoto('rename');
  const { r } = await download(list, out, db);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['photo-1.jpg', 'photo.jpg']);
  assert.deepEqual(readFileSync(path.join(out, 'photo.jpg')), MARK);
  assert.deepEqual(readFileSync(path.join(out, 'photo-1.jpg')), server.jpeg);
});

test('--existing overwrite: photo.jpg is replaced by the download, nothing else appears', async () => {
  const { db, out, list } = await folderWithPhoto('overwrite');
  const { r, summary } = await download(list, out, db, '--existing', 'overwrite');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(summary.items.ok, 1);
  assert.deepEqual(readdirSync(out), ['photo.jpg']);
  assert.deepEqual(readFileSync(path.join(out, 'photo.jpg')), server.jpeg);
});

test('--existing skip: photo.jpg is kept, the item skipped, and no request is made', async () => {
  const { db, out, list, url } = await folderWithPhoto('skip');
  const path_ = new URL(url).pathname;
  const before = server.hits(path_);
  const { r, summary } = await download(list, out, db, '--existing', 'skip');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(summary.items, { total: 1, ok: 0, failed: 0, skipped: 1 });
  assert.equal(server.hits(path_), before, 'the name was known from the URL: no request');
  assert.deepEqual(readdirSync(out), ['photo.jpg']);
  assert.deepEqual(readFileSync(path.join(out, 'photo.jpg')), MARK);
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  assert.equal(shown.items[0].status, 'skipped');
  assert.match(
    shown.items[0].error,
    /photo\.jpg is already in the folder, kept \(--existing skip\)/,
  );
});

test('--existing skip when only the response gives the name: fetched, then kept, no temp left', async () => {
  const { db, out } = await folderWithPhoto('skip-late');
  const list = path.join(root, 'skip-late', 'late.txt');
  // No extension in the URL: the name (photo.jpg) is known only from the content.
  await writeFile(list, server.url('/img/skip-late/photo'));
  const { r, summary } = await download(list, out, db, '--existing', 'skip');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(summary.items.skipped, 1);
  assert.deepEqual(readdirSync(out), ['photo.jpg']);
  assert.deepEqual(readFileSync(path.join(out, 'photo.jpg')), MARK);
});

test('bytes are announced as they arrive during one large body', async () => {
  const dir = path.join(root, 'live');
  const store = RunStore.open(path.join(dir, 'db'));
  const events: AppEvent[] = [];
  try {
    const handle = await startDownloadRun(
      {
        urlsText: server.url('/large/big.jpg'),
        sourceName: 'test',
        outDir: path.join(dir, 'out'),
        settings: DEFAULT_DOWNLOAD_SETTINGS,
        process: null,
        label: null,
      },
      { store, hostFactory: forkHostFactory, onEvent: (e) => events.push(e) },
    );
    const summary = await handle.finished;
    assert.equal(summary.items.ok, 1);
  } finally {
    store.close();
  }
  const doneAt = events.findIndex((e) => e.name === 'item:done');
  const live = events
    .slice(0, doneAt)
    .filter((e) => e.name === 'download:progress')
    .map((e) => e.payload as DownloadProgress);
  const partial = live.filter((p) => p.bytes > 0 && p.bytes < LARGE);
  assert.ok(
    partial.length >= 2,
    `bytes announced mid-body: ${live.map((p) => p.bytes).join(', ')}`,
  );
  for (let i = 1; i < live.length; i++) assert.ok(live[i]!.bytes >= live[i - 1]!.bytes);
  const mid = partial[0]!;
  assert.equal(mid.downloads.length, 1);
  assert.equal(mid.downloads[0]!.expectedBytes, LARGE);
  assert.equal(mid.downloads[0]!.attempt, 1);
  assert.ok(
    partial.some((p) => p.bytesPerSecond > 0),
    'a rate while bytes arrive',
  );
});
