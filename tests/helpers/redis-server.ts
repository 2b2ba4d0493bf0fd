/**
 * A real Redis for queue tests and benches: Debian's `redis-server` on 127.0.0.1, a free port and
 * its own temp folder (never the system service on 6379), `maxmemory-policy noeviction` as BullMQ
 * asks. It can be stopped and started again on the same port, with its data (an RDB snapshot
 * saved on the way down) or empty, for the outage tests.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Debian's server binary (installed by scripts/ensure-system-packages.mjs). */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** A running test Redis. */
export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  /** Stops it; with `save`, its data is written first so a restart finds it again. */
  stop(options?: { save?: boolean }): Promise<void>;
  /** Starts it again on the same port: with the saved data, or empty when `empty`. */
  restart(options?: { empty?: boolean }): Promise<void>;
  /** Sends one command and returns the raw reply (RESP), for checks without a client library. */
  command(...args: string[]): Promise<string>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Options of `startRedis`. */
export interface StartRedisOptions {
  password?: string;
  /** Another eviction policy, to test that it is refused. */
  maxmemoryPolicy?: string;
}

/** A port nobody listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a fresh Redis. */
export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'photobatch-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const args = () => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--dbfilename',
    'dump.rdb',
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    options.maxmemoryPolicy ?? 'noeviction',
    '--daemonize',
    'no',
    ...(options.password ? ['--requirepass', options.password] : []),
  ];
  const auth = options.password ? ['AUTH', options.password] : null;
  const command = (...cmd: string[]) => rawCommand(port, auth, cmd);

  const start = async () => {
    child = spawn(REDIS_SERVER, args(), { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
      const reply = await command('PING').catch(() => '');
      if (reply.startsWith('+PONG')) return;
      await delay(25);
    }
    throw new Error(`redis-server on port ${port} did not answer PING`);
  };
  const stop = async ({ save = false } = {}) => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    if (save) await command('SAVE');
    running.kill('SIGKILL');
    await exited;
    child = null;
  };
  await start();
  const url = options.password
    ? `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}`
    : `redis://127.0.0.1:${port}`;
  return {
    port,
    url,
    dir,
    stop,
    async restart({ empty = false } = {}) {
      await stop({ save: !empty });
      if (empty) await rm(path.join(dir, 'dump.rdb'), { force: true });
      await start();
    },
    command,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One command over a fresh connection (RESP arrays of bulk strings); the reply as text. */
function rawCommand(port: number, auth: string[] | null, args: string[]): Promise<string> {
  const encode = (cmd: string[]) =>
    `*${cmd.length}\r\n${cmd.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    let skip = auth ? 1 : 0;
    socket.setTimeout(5000, () => socket.destroy(new Error('redis did not answer')));
    socket.on('connect', () => socket.write((auth ? encode(auth) : '') + encode(args)));
    socket.on('data', (d) => {
      reply += d.toString();
      // The AUTH reply comes first; then wait for one whole reply (good enough for our checks).
      while (skip > 0 && reply.includes('\r\n')) {
        reply = reply.slice(reply.indexOf('\r\n') + 2);
        skip--;
      }
      if (skip === 0 && isComplete(reply)) {
        socket.end();
        resolve(reply);
      }
    });
    socket.on('error', reject);
  });
}

/** True when `text` holds one whole RESP reply (simple, error, integer, bulk or flat array). */
function isComplete(text: string): boolean {
  if (!text.endsWith('\r\n')) return false;
  const kind = text[0];
  if (kind === '+' || kind === '-' || kind === ':') return true;
  const lines = text.split('\r\n').slice(0, -1);
  if (kind === '$') return Number(lines[0]!.slice(1)) < 0 || lines.length >= 2;
  if (kind === '*') {
    const count = Number(lines[0]!.slice(1));
    return count <= 0 || lines.length >= 1 + count * 2;
  }
  return true;
}
