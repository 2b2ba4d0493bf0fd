/**
 * One URL at a time against a real loopback server: what is on disk afterwards, and what the
 * user is told, for every route the issue lists.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import sharp from 'sharp';
import { DownloadCancelledError } from '../../../src/engine/download/download-errors.js';
import { DownloadFolder } from '../../../src/engine/download/download-folder.js';
import { fetchToFile } from '../../../src/engine/download/fetch-to-file.js';
import type { FetchToFileResult } from '../../../src/engine/download/fetch-to-file.js';
import { defaultRetryPolicy } from '../../../src/engine/download/retry-policy.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';

let server: ImageServer;
let root: string;
let dir: string;
let folder: DownloadFolder;
let counter = 0;
let tempCounter = 0;

before(async () => {
  server = await startImageServer();
  root = await mkdtemp(join(tmpdir(), 'photobatch-fetch-'));
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  counter += 1;
  dir = join(root, `case-${counter}`, 'downloads');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  folder = new DownloadFolder(dir);
});

/** Fast retries so the retry tests do not sit out real backoff. */
const quickRetries = (retries = 3) => ({
  ...defaultRetryPolicy(retries),
  baseDelayMs: 5,
  maxDelayMs: 20,
});

function fetchPath(
  path: string,
  options: {
    retries?: number;
    timeoutMs?: number;
    maxBytes?: number;
    maxRedirects?: number;
    signal?: AbortSignal;
  } = {},
): Promise<FetchToFileResult> {
  return fetchToFile({
    url: server.url(path),
    folder,
    tempPath: join(dir, `.download.photobatch-1-${++tempCounter}.tmp`),
    settings: {
      timeoutMs: options.timeoutMs ?? 5000,
      maxBytes: options.maxBytes ?? 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
    },
    policy: quickRetries(options.retries ?? 3),
    signal: options.signal ?? new AbortController().signal,
    fallbackNumber: 1,
  });
}

/** Everything in the case folder and its parent, so a write outside `dir` would show. */
async function onDisk(): Promise<string[]> {
  const inDir = await readdir(dir);
  const besides = (await readdir(dirname(dir))).filter((n) => n !== 'downloads');
  return [...inDir.sort(), ...besides.map((n) => `../${n}`)];
}

async function assertSavedImage(result: FetchToFileResult, name: string): Promise<void> {
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.equal(result.savedPath, join(dir, name));
  const meta = await sharp(await readFile(result.savedPath)).metadata();
  assert.ok(meta.width && meta.width > 0);
}

test('a plain image is saved under its URL name', async () => {
  const result = await fetchPath('/img/plain.jpg');
  await assertSavedImage(result, 'plain.jpg');
  assert.ok(result.ok && result.httpStatus === 200 && result.attempts === 1);
  assert.deepEqual(await readFile(join(dir, 'plain.jpg')), server.jpeg);
  assert.deepEqual(await onDisk(), ['plain.jpg']);
});

test('application/octet-stream is fine when the bytes are an image', async () => {
  await assertSavedImage(await fetchPath('/octet/blob.jpg'), 'blob.jpg');
});

test('a name without extension gets one from the content; the query string is dropped', async () => {
  await assertSavedImage(
    await fetchPath('/img/photo-1542281286-9e0a16bb7366?w=1080&fm=jpg'),
    'photo-1542281286-9e0a16bb7366.jpg',
  );
  await assertSavedImage(await fetchPath('/png/picture.jpg'), 'picture.png');
  assert.deepEqual(await onDisk(), ['photo-1542281286-9e0a16bb7366.jpg', 'picture.png']);
});

test('404 fails at once with the status in words, and leaves nothing', async () => {
  const result = await fetchPath('/status/404/missing.jpg');
  assert.equal(result.ok, false);
  assert.equal(
    !result.ok && result.error,
    `${server.url('/status/404/missing.jpg')}: the server answered 404 Not Found`,
  );
  assert.equal(result.attempts, 1);
  assert.equal(result.httpStatus, 404);
  assert.deepEqual(await onDisk(), []);
});

test('503 twice, then OK: retried and saved', async () => {
  const result = await fetchPath('/flaky/2/503/recovers.jpg');
  await assertSavedImage(result, 'recovers.jpg');
  assert.equal(result.attempts, 3);
  assert.equal(server.hits('/flaky/2/503/recovers.jpg'), 3);
});

test('retries run out: the last error says how many attempts were made', async () => {
  const result = await fetchPath('/flaky/9/503/down.jpg', { retries: 2 });
  assert.equal(
    !result.ok && result.error,
    `${server.url('/flaky/9/503/down.jpg')}: the server answered 503 Service Unavailable (gave up after 3 attempts)`,
  );
  assert.deepEqual(await onDisk(), []);
});

test('429 with Retry-After is honoured, then the download succeeds', async () => {
  const result = await fetchPath('/retry-after/1/busy.jpg');
  await assertSavedImage(result, 'busy.jpg');
  assert.equal(result.attempts, 2);
});

test('a Retry-After longer than we wait fails with a message that says so', async () => {
  const result = await fetchPath('/retry-after/86400/later.jpg');
  assert.match(
    !result.ok ? result.error : '',
    /429 Too Many Requests; it asked to wait 86400 s before trying again/,
  );
  assert.equal(result.attempts, 1);
});

test('a redirect chain is followed; the final URL is recorded, the name is the first URL', async () => {
  const result = await fetchPath('/redirect/3/hop.jpg');
  await assertSavedImage(result, 'hop.jpg');
  assert.equal(result.finalUrl, server.url('/img/hop.jpg'));
  assert.equal(server.stats.requests > 0, true);
});

test('too many redirects and redirect loops fail with messages that say so', async () => {
  const tooMany = await fetchPath('/redirect/5/far.jpg', { maxRedirects: 2 });
  assert.match(!tooMany.ok ? tooMany.error : '', /: more than 2 redirects; stopped at /);
  const loop = await fetchPath('/loop/a');
  assert.match(
    !loop.ok ? loop.error : '',
    /: the redirects go round in a loop \(back to http:\/\/127\.0\.0\.1:\d+\/loop\/a\)/,
  );
  assert.equal(loop.attempts, 1);
  assert.deepEqual(await onDisk(), []);
});

test('an HTML page served as .jpg is a failure that says so, and nothing stays', async () => {
  const result = await fetchPath('/html/photo.jpg');
  assert.equal(
    !result.ok && result.error,
    `${server.url('/html/photo.jpg')}: the server sent an HTML page (served as text/html), not an image`,
  );
  assert.deepEqual(await onDisk(), []);
});

test('a body that stalls times out, is retried, and leaves nothing', async () => {
  const result = await fetchPath('/stall/stuck.jpg', { timeoutMs: 300, retries: 1 });
  assert.match(
    !result.ok ? result.error : '',
    /: the download stalled: nothing arrived for 0\.3 s after \d+ bytes \(gave up after 2 attempts\)$/,
  );
  assert.deepEqual(await onDisk(), []);
});

test('a server that never answers times out', async () => {
  const result = await fetchPath('/stall-headers/silent.jpg', { timeoutMs: 300, retries: 0 });
  assert.match(!result.ok ? result.error : '', /: no answer from the server within 0\.3 s$/);
});

test('a body over the byte limit is cut off and nothing of it stays, with or without Content-Length', async () => {
  const declared = await fetchPath('/big/300000/huge.jpg', { maxBytes: 100_000 });
  assert.match(
    !declared.ok ? declared.error : '',
    /: the file is 293 KB, more than the limit of 97.7 KB \(--max-bytes\)$/,
  );
  const streamed = await fetchPath('/big-chunked/300000/huge.jpg', { maxBytes: 100_000 });
  assert.match(
    !streamed.ok ? streamed.error : '',
    /: the file is larger than the limit of 97.7 KB \(--max-bytes\); the download was cut off$/,
  );
  assert.equal(streamed.attempts, 1);
  assert.deepEqual(await onDisk(), []);
  const fits = await fetchPath('/big/50000/fits.jpg', { maxBytes: 100_000 });
  await assertSavedImage(fits, 'fits.jpg');
  assert.equal(fits.ok && fits.bytes, 50_000);
});

test('a connection reset mid-body is retried; a persistent one fails and leaves nothing', async () => {
  const once = await fetchPath('/reset-once/flaky-net.jpg');
  await assertSavedImage(once, 'flaky-net.jpg');
  assert.equal(once.attempts, 2);
  const always = await fetchPath('/reset/broken.jpg', { retries: 1 });
  assert.equal(always.ok, false);
  assert.match(
    !always.ok ? always.error : '',
    /broken\.jpg: the (connection was reset|server closed the connection|connection ended)/,
  );
  assert.deepEqual(await onDisk(), ['flaky-net.jpg']);
});

test('Content-Disposition "../../evil.jpg" is saved as evil.jpg inside the folder, never outside', async () => {
  const result = await fetchPath(`/disposition/${encodeURIComponent('../../evil.jpg')}/get`);
  await assertSavedImage(result, 'evil.jpg');
  assert.deepEqual(await onDisk(), ['evil.jpg']);
  assert.deepEqual(await readdir(join(root, `case-${counter}`)), ['downloads']);
});

test('two URLs with the same basename get same.jpg and same-1.jpg; nothing is overwritten', async () => {
  const [a, b] = await Promise.all([fetchPath('/img/a/same.jpg'), fetchPath('/octet/b/same.jpg')]);
  assert.ok(a.ok && b.ok);
  assert.deepEqual([a.savedPath, b.savedPath].map((p) => p.slice(dir.length + 1)).sort(), [
    'same-1.jpg',
    'same.jpg',
  ]);
  // A PNG listed as same.jpg gets its extension corrected, so it does not need a number.
  const c = await fetchPath('/png/c/same.jpg');
  assert.ok(c.ok);
  assert.equal(c.savedPath, join(dir, 'same.png'));
  assert.deepEqual(await onDisk(), ['same-1.jpg', 'same.jpg', 'same.png']);
});

test('an existing file in the folder is never replaced', async () => {
  await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'mine.jpg'), 'user data'));
  const result = await fetchPath('/img/mine.jpg');
  await assertSavedImage(result, 'mine-1.jpg');
  assert.equal(await readFile(join(dir, 'mine.jpg'), 'utf8'), 'user data');
});

test('cancel mid-body throws DownloadCancelledError and leaves nothing', async () => {
  const controller = new AbortController();
  const pending = fetchPath('/stall/cancelled.jpg', {
    signal: controller.signal,
    timeoutMs: 60_000,
  });
  while (server.stats.inFlight === 0) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await assert.rejects(pending, DownloadCancelledError);
  assert.deepEqual(await onDisk(), []);
});
