/**
 * `photobatch download` as a user runs it (the built bin): exit statuses, --json, standard input,
 * SIGINT mid-run, and what is on disk afterwards. The URLs point at a loopback server in this test.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, eventually, runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import type { CliResult } from '../../helpers/cli.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir as makeTempDir } from '../../helpers/real-photos.js';
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

test('download --json: exit 1 when some URLs failed, each failure as {source, error}; runs/show/compare read it', async () => {
  const root = await tempDir();
  const db = path.join(root, 'runs.db');
  const out = path.join(root, 'out');
  const list = path.join(root, 'urls.txt');
  const bad = 'file:///etc/passwd';
  await writeFile(
    list,
    [
      server.url('/img/one.jpg'),
      server.url('/png/two'),
      server.url('/status/404/gone.jpg'),
      bad,
    ].join('\n'),
  );
  const r = await runCli([
    'download',
    list,
    '--out',
    out,
    '--concurrency',
    '2',
    '--retries',
    '0',
    '--label',
    'cli',
    '--json',
    '--db',
    db,
  ]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.kind, 'download');
  assert.equal(summary.label, 'cli');
  assert.deepEqual(summary.items, { total: 4, ok: 2, failed: 2, skipped: 0 });
  assert.equal(summary.settings.download.concurrency, 2);
  assert.deepEqual(summary.failures, [
    { source: server.url('/status/404/gone.jpg'), error: 'the server answered 404 Not Found' },
    { source: bad, error: 'line 4: only http and https URLs can be downloaded, not file' },
  ]);
  assert.deepEqual(filesUnder(out), ['one.jpg', 'two.png']);
  assert.match(
    r.stderr,
    /failed: http:\/\/127\.0\.0\.1:\d+\/status\/404\/gone\.jpg: the server answered 404 Not Found/,
  );

  const runs = JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout);
  assert.equal(runs.runs[0].kind, 'download');
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  assert.equal(shown.items.length, 4);
  assert.equal(shown.items[0].download.httpStatus, 200);
  const compared = await runCli([
    'compare',
    String(summary.runId),
    String(summary.runId),
    '--json',
    '--db',
    db,
  ]);
  assert.equal(compared.code, 0, compared.stderr);
  assert.equal(JSON.parse(compared.stdout).runs.length, 2);
});

test('download --process --name "{index:2}-{name}": {index} is the URL\'s place in the list, not when it arrived', async () => {
  const root = await tempDir();
  const out = path.join(root, 'out');
  const list = path.join(root, 'urls.txt');
  // The first URL arrives last; the blank line and the comment are not URLs and take no number.
  await writeFile(
    list,
    [
      server.url('/slow/600/first.jpg'),
      '',
      '# a comment',
      server.url('/img/second.jpg'),
      server.url('/png/third'),
    ].join('\n'),
  );
  const r = await runCli([
    'download',
    list,
    '--out',
    out,
    '--concurrency',
    '3',
    '--process',
    '--workers',
    '1',
    '--name',
    '{index:2}-{name}',
    '--json',
    '--db',
    path.join(root, 'runs.db'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  const processed = filesUnder(path.join(out, 'processed')).sort();
  assert.deepEqual(processed, ['01-first.jpg', '02-second.jpg', '03-third.png']);
});

test('download - reads the list from standard input; exit 0 when all are saved', async () => {
  const root = await tempDir();
  const out = path.join(root, 'out');
  const child = spawn(
    process.execPath,
    [BIN, 'download', '-', '--out', out, '--json', '--db', path.join(root, 'db')],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(`# piped\n${server.url('/img/piped.jpg?size=large')}\n\n`);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.equal(JSON.parse(stdout).items.ok, 1);
  assert.deepEqual(filesUnder(out), ['piped.jpg']);
});

test('bad usage exits 2 with a one-line reason and downloads nothing', async () => {
  const root = await tempDir();
  const list = path.join(root, 'urls.txt');
  await writeFile(list, `${server.url('/img/x.jpg')}\n`);
  const empty = path.join(root, 'empty.txt');
  await writeFile(empty, '# nothing\n');
  const out = path.join(root, 'out');
  const cases: [string[], RegExp][] = [
    [['download', list], /--out/],
    [['download', '--out', out], /one file/],
    [
      ['download', path.join(root, 'missing.txt'), '--out', out],
      /missing\.txt: the URL list could not be read/,
    ],
    [['download', list, '--out', out, '--blur', '3'], /--blur only applies with --process/],
    [['download', list, '--out', out, '--max-bytes', 'lots'], /--max-bytes/],
    [['download', list, '--out', out, '--concurrency', '0'], /--concurrency/],
    [['download', empty, '--out', out], /no URLs in it/],
  ];
  for (const [args, pattern] of cases) {
    const r: CliResult = await runCli([...args, '--db', path.join(root, 'db')]);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  }
  assert.equal(existsSync(out), false);
});

test('SIGINT mid-run: exit 130, stored as cancelled, nothing half-written', async () => {
  const root = await tempDir();
  const db = path.join(root, 'db');
  const out = path.join(root, 'out');
  const list = path.join(root, 'urls.txt');
  const stalls = Array.from({ length: 4 }, (_, i) => server.url(`/stall/never-${i}.jpg`));
  await writeFile(list, [server.url('/img/done.jpg'), ...stalls].join('\n'));
  server.resetStats();
  const { child, done } = startCli([
    'download',
    list,
    '--out',
    out,
    '--concurrency',
    '2',
    '--timeout',
    '60',
    '--db',
    db,
  ]);
  await waitForStderr(child, /run \d+ \(download\) started/);
  // Half-written temp files exist now: two bodies stalled mid-way.
  assert.ok(
    await eventually(() => server.stats.inFlight >= 2 && existsSync(path.join(out, 'done.jpg'))),
  );
  child.kill('SIGINT');
  const r = await done;
  assert.equal(r.code, 130, r.stderr);
  assert.deepEqual(filesUnder(out), ['done.jpg']);
  const runs = JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout);
  assert.equal(runs.runs[0].status, 'cancelled');
});
