/**
 * Deadlines no server can stretch, against a loopback server started here: a body dripped one
 * byte a second fails on the lowest speed (retried once only), a slow body above the minimum is
 * saved, a server that never answers fails at --timeout per attempt, and an unrequested 206 is
 * refused. Outcomes and recorded attempts are asserted; time bounds are only guards.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ServerResponse } from 'node:http';
import sharp from 'sharp';
import { DownloadFolder } from '../../../src/engine/download/download-folder.js';
import { fetchToFile } from '../../../src/engine/download/fetch-to-file.js';
import { defaultRetryPolicy } from '../../../src/engine/download/retry-policy.js';
import { runCli } from '../../helpers/cli.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir } from '../../helpers/real-photos.js';

let server: ImageServer;
let root: string;
const timers = new Set<NodeJS.Timeout>();

/** Sends `body` in `chunk`-byte pieces every `everyMs`, with its Content-Length. */
function trickle(res: ServerResponse, body: Buffer, chunk: number, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed || at >= body.length) {
      clearInterval(timer);
      timers.delete(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.subarray(at, at + chunk));
    at += chunk;
  }, everyMs);
  timers.add(timer);
  res.on('close', () => clearInterval(timer));
}

before(async () => {
  server = await startImageServer();
  root = await tempDir('photobatch-limits-');
  const padded = Buffer.concat([server.jpeg, Buffer.alloc(24 * 1024 - server.jpeg.length)]);
  // One byte a second: never idle, so only the lowest speed can stop it.
  server.route('drip', (_req, res) => trickle(res, padded, 1, 1000));
  // 256 bytes every 100 ms: about 2.5 KiB/s, above the 1 KiB/s minimum, for about 10 s.
  server.route('slow-ok', (_req, res) => trickle(res, padded, 256, 100));
  // Half a JPEG, ended cleanly without a length: only the content can tell it is cut short.
  server.route('half-clean', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(server.jpeg.subarray(0, Math.floor(server.jpeg.length / 2)));
  });
  // Half of a declared length, then the connection is closed politely.
  server.route('half-declared', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': server.jpeg.length });
    res.write(server.jpeg.subarray(0, Math.floor(server.jpeg.length / 2)));
    setTimeout(() => res.socket?.end(), 50);
  });
  server.route('partial', (_req, res) => {
    res.writeHead(206, {
      'content-type': 'image/jpeg',
      'content-range': `bytes 0-99/${server.jpeg.length}`,
      'content-length': 100,
    });
    res.end(server.jpeg.subarray(0, 100));
  });
});
after(async () => {
  for (const timer of timers) clearInterval(timer);
  await server.close();
  await rm(root, { recursive: true, force: true });
});

let cases = 0;
async function caseDir(): Promise<{ db: string; out: string; list: string }> {
  const dir = path.join(root, `case-${++cases}`);
  await mkdir(dir, { recursive: true });
  return { db: path.join(dir, 'db'), out: path.join(dir, 'out'), list: path.join(dir, 'urls.txt') };
}

async function shown(db: string, runId: number) {
  return JSON.parse((await runCli(['show', String(runId), '--json', '--db', db])).stdout);
}

test('one byte a second with --timeout 3 --retries 3: fails on the lowest speed after 2 attempts; the list ends', async () => {
  const { db, out, list } = await caseDir();
  const drip = server.url('/drip/drip.jpg');
  await writeFile(list, [drip, server.url('/img/a.jpg'), server.url('/img/b.jpg')].join('\n'));
  const started = Date.now();
  const r = await runCli([
    'download',
    list,
    '--out',
    out,
    '--timeout',
    '3',
    '--retries',
    '3',
    '--json',
    '--db',
    db,
  ]);
  // A guard only (the bound for the whole list): the drip alone would take hours.
  assert.ok(Date.now() - started < 60_000, 'the list finished within 60 s');
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.items.ok, 2);
  assert.equal(summary.failures.length, 1);
  assert.equal(summary.failures[0].source, drip);
  assert.match(
    summary.failures[0].error,
    /^the server sent \d+ bytes in 1\d s, slower than the 1 KiB\/s minimum \(--min-speed\) \(gave up after 2 attempts\)$/,
  );
  const run = await shown(db, summary.runId);
  const item = run.items.find((i: { source: string }) => i.source === drip);
  assert.equal(item.download.attempts, 2, 'a too-slow server is tried once more, not 4 times');
  assert.deepEqual(readdirSync(out).sort(), ['a.jpg', 'b.jpg'], 'nothing half-written');
});

test('--max-time ends a download whatever the server does, all attempts included', async () => {
  const { db, out, list } = await caseDir();
  await writeFile(list, server.url('/drip/d.jpg'));
  const started = Date.now();
  const r = await runCli([
    'download',
    list,
    '--out',
    out,
    '--min-speed',
    '0',
    '--max-time',
    '2',
    '--json',
    '--db',
    db,
  ]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.failures[0].error, 'the download took longer than 2 s (--max-time)');
  // Guard: nothing of the download (a socket still connecting, a timer) keeps the CLI alive.
  assert.ok(Date.now() - started < 20_000, 'the CLI exited, not held by the 30 s timeout');
  assert.deepEqual(readdirSync(out), []);
});

test('a slow body above the lowest speed is saved whole', async () => {
  const dir = path.join(root, 'slow-ok');
  await mkdir(dir, { recursive: true });
  const result = await fetchToFile({
    url: server.url('/slow-ok/slow.jpg'),
    folder: new DownloadFolder(dir),
    tempPath: path.join(dir, '.slow.jpg.photobatch-1-1.tmp'),
    settings: { timeoutMs: 3000, maxBytes: 1024 * 1024, maxRedirects: 5, minSpeed: 1024 },
    policy: { ...defaultRetryPolicy(0), baseDelayMs: 5, maxDelayMs: 10 },
    signal: new AbortController().signal,
    fallbackNumber: 1,
  });
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.equal(result.attempts, 1);
  assert.equal(result.bytes, 24 * 1024);
  const meta = await sharp(await readFile(result.savedPath)).metadata();
  assert.equal(meta.width, 64);
});

test('a server that accepts and never answers, --timeout 2: each attempt fails at the timeout', async () => {
  const { db, out, list } = await caseDir();
  const url = server.url('/stall-headers/never.jpg');
  await writeFile(list, url);
  const started = Date.now();
  const r = await runCli([
    'download',
    list,
    '--out',
    out,
    '--timeout',
    '2',
    '--retries',
    '1',
    '--json',
    '--db',
    db,
  ]);
  // Guard: two attempts at undici's own 10 s would take 20 s or more.
  assert.ok(Date.now() - started < 18_000, 'not at undici’s 10 s per attempt');
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(
    summary.failures[0].error,
    'no answer from the server within 2 s (gave up after 2 attempts)',
  );
  const run = await shown(db, summary.runId);
  assert.equal(run.items[0].download.attempts, 2);
});

test('a 206 Partial Content nobody asked for is refused, not saved', async () => {
  const { db, out, list } = await caseDir();
  await writeFile(list, server.url('/partial/part.jpg'));
  const r = await runCli(['download', list, '--out', out, '--json', '--db', db]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    JSON.parse(r.stdout).failures[0].error,
    /only part of the file \(206 Partial Content\)/,
  );
  assert.deepEqual(readdirSync(out), []);
});

test('bad --max-time and --min-speed are usage errors naming the option', async () => {
  const { db, out, list } = await caseDir();
  await writeFile(list, server.url('/img/x.jpg'));
  for (const [option, value] of [
    ['--max-time', '0'],
    ['--min-speed', 'fast'],
  ] as const) {
    const r = await runCli(['download', list, '--out', out, option, value, '--db', db]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`${option}`));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('truncated bodies are not images: cut short with or without a length, retried, never saved', async () => {
  const { db, out, list } = await caseDir();
  const clean = server.url('/half-clean/clean.jpg');
  const declared = server.url('/half-declared/declared.jpg');
  await writeFile(list, [clean, declared].join('\n'));
  const r = await runCli(['download', list, '--out', out, '--retries', '1', '--json', '--db', db]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.items.failed, 2);
  const byUrl = Object.fromEntries(
    summary.failures.map((f: { source: string; error: string }) => [f.source, f.error]),
  );
  assert.equal(
    byUrl[clean],
    'the image ends early (no end marker): the file was cut short (gave up after 2 attempts)',
  );
  assert.match(byUrl[declared], /(connection ended after|closed).*\(gave up after 2 attempts\)/);
  assert.deepEqual(readdirSync(out), []);
});
