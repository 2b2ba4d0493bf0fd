/**
 * Bad queue input on the command line: exit 2 within a few seconds, one line saying what to fix,
 * and no run stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { freePort, startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';

let root: string;
let input: string;
let locked: TestRedis;
let evicting: TestRedis;

before(async () => {
  root = await tempDir();
  input = path.join(root, 'in');
  await folderOfPhotos(input, 1, 200);
  locked = await startRedis({ password: 'right-secret' });
  evicting = await startRedis({ maxmemoryPolicy: 'allkeys-lru' });
});

after(async () => {
  await locked.close();
  await evicting.close();
});

async function processWith(args: string[]) {
  const db = path.join(root, `${Math.random().toString(36).slice(2)}.db`);
  const r = await runCli(['process', input, '--out', path.join(root, 'out'), '--db', db, ...args]);
  const runs = await runCli(['runs', '--json', '--db', db]);
  return { ...r, stored: runs.code === 0 ? JSON.parse(runs.stdout).runs.length : 0 };
}

test('process --queue: bad URL, no server, wrong password, evicting Redis → exit 2, one line, no run stored', async () => {
  const port = await freePort();
  const cases: [string[], RegExp][] = [
    [['--queue', 'http://127.0.0.1:6379'], /--queue must be a redis:\/\/ or rediss:\/\/ URL/],
    [['--queue', 'not a url'], /--queue must be a redis:\/\/ or rediss:\/\/ URL/],
    [['--queue', `redis://127.0.0.1:${port}`], /nothing listens there/],
    [['--queue', `redis://:wrong@127.0.0.1:${locked.port}`], /wrong user name or password/],
    [['--queue', evicting.url], /maxmemory-policy allkeys-lru.*noeviction/],
    [['--local-workers', '1'], /--local-workers needs --queue/],
  ];
  for (const [args, expected] of cases) {
    const r = await processWith(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    assert.equal(r.stored, 0, `${args.join(' ')}: no run stored`);
  }
  // A server that takes the connection and never answers is given up on within seconds.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const started = Date.now();
    const { port: silentPort } = silent.address() as AddressInfo;
    const r = await processWith(['--queue', `redis://127.0.0.1:${silentPort}`]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /does not answer/);
    assert.equal(r.stored, 0);
    assert.ok(Date.now() - started < 30_000, 'a guard, not a timing assertion');
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});

test('worker: bad URL, bad --map, wrong password → exit 2 with one line', async () => {
  const cases: [string[], RegExp][] = [
    [['--redis', 'ftp://x'], /--redis must be a redis:\/\/ or rediss:\/\/ URL/],
    [
      ['--redis', locked.url, '--map', 'relative=/x'],
      /--map must be FROM=TO with two absolute folders/,
    ],
    [['--redis', locked.url, '--map', '/only-from'], /--map must be FROM=TO/],
    [['--redis', `redis://:nope@127.0.0.1:${locked.port}`], /wrong user name or password/],
    [[], /--redis URL is required/],
  ];
  for (const [args, expected] of cases) {
    const r = await runCli(['worker', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
