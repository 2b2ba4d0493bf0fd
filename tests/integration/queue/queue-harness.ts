/**
 * Two machines on one: `photobatch worker --name A|B` processes, each in its own working folder,
 * on a Redis started for the test, with the queue's intervals shortened (lock, stall check,
 * heartbeat) so faults show within seconds. Checks of what is left in Redis go over the wire.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { BIN, childPids, eventually, runCli, startCli } from '../../helpers/cli.js';
import { filesUnder } from '../../helpers/files-under.js';
import type { TestRedis } from '../../helpers/redis-server.js';

/** The shortened intervals every process of a queue test gets. */
export const QUEUE_ENV = {
  PHOTOBATCH_QUEUE_LOCK_MS: '2000',
  PHOTOBATCH_QUEUE_STALLED_MS: '1000',
  PHOTOBATCH_QUEUE_HEARTBEAT_MS: '1500',
  PHOTOBATCH_QUEUE_RECONCILE_MS: '300',
  PHOTOBATCH_QUEUE_NO_WORKER_MS: '2000',
  PHOTOBATCH_QUEUE_OUTAGE_MS: '4000',
};

/** A running `photobatch worker`. */
export interface RunningWorker {
  name: string;
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `photobatch worker --name <name>` in `<root>/<name>` and waits until it takes tasks. */
export async function startWorker(
  root: string,
  name: string,
  redis: TestRedis,
  extra: string[] = [],
): Promise<RunningWorker> {
  const cwd = path.join(root, `machine-${name}`);
  await mkdir(cwd, { recursive: true });
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--redis', redis.url, '--name', name, '--concurrency', '1', ...extra],
    { cwd, env: { ...process.env, ...QUEUE_ENV }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const started = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (/taking tasks/.test(stderr)) resolve(true);
        else setTimeout(check, 50);
      };
      check();
    }),
    exited.then(() => false),
  ]);
  if (!started) throw new Error(`worker ${name} did not start: ${stderr}`);
  return { name, child, stderr: () => stderr, exited };
}

/** Stops a worker with SIGTERM (graceful) and waits for it. */
export async function stopWorker(worker: RunningWorker): Promise<number | null> {
  if (worker.child.exitCode !== null) return worker.child.exitCode;
  worker.child.kill('SIGTERM');
  return (await worker.exited).code;
}

/** Keys in Redis that hold a job or a results queue of run `runId`. */
export async function runKeysLeft(redis: TestRedis, runId: number): Promise<string[]> {
  const reply = await redis.command('KEYS', `bull:*r${runId}*`);
  const keys = reply
    .split('\r\n')
    .filter((line) => line.startsWith('bull:'))
    .sort();
  // Lists and sorted sets of the task queue may still name the job id.
  for (const set of ['wait', 'active', 'delayed', 'prioritized', 'failed', 'paused']) {
    const listed = await redis.command(
      set === 'wait' || set === 'active' || set === 'paused' ? 'LRANGE' : 'ZRANGE',
      `bull:photobatch-tasks:${set}`,
      '0',
      '-1',
    );
    for (const line of listed.split('\r\n')) {
      if (line.startsWith(`r${runId}-`)) keys.push(`${set}:${line}`);
    }
  }
  return keys;
}

/** The stored run, as `show --json` prints it. */
export async function shownRun(db: string, runId: number): Promise<Record<string, unknown>> {
  const r = await runCli(['show', String(runId), '--json', '--db', db]);
  if (r.code !== 0) throw new Error(`show failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/**
 * Asserts that Redis holds nothing of run `runId`, allowing a few seconds: a try redone after a
 * lost lock may still be in a worker when the run ends, and is dropped once the worker hears.
 */
export async function assertNoRunKeys(redis: TestRedis, runId: number): Promise<void> {
  let left = await runKeysLeft(redis, runId);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = await runKeysLeft(redis, runId);
  }
  if (left.length > 0) throw new Error(`left in Redis for run ${runId}: ${left.join(', ')}`);
}

/** A queue run slow enough to interrupt (heavy blur) of `input`, with its store and output folder. */
export function startQueueRun(redis: TestRedis, root: string, input: string, name: string) {
  const db = path.join(root, `${name}.db`);
  const out = path.join(root, `out-${name}`);
  const cli = startCli(
    ['process', input, '--out', out, '--blur', '12', '--queue', redis.url, '--json', '--db', db],
    QUEUE_ENV,
  );
  return { ...cli, db, out };
}

/** Waits until `count` outputs are in place (renamed from their temps): the run is under way. */
export async function doneAtLeast(out: string, count: number): Promise<void> {
  const done = () => filesUnder(out).filter((f) => !path.basename(f).startsWith('.')).length;
  assert.ok(await eventually(() => done() >= count, 120_000), `${count} output(s) in ${out}`);
}

/** No temp or probe file is left in `out`. */
export function noTemps(out: string): void {
  const left = filesUnder(out).filter((f) => path.basename(f).startsWith('.'));
  assert.deepEqual(left, [], 'no temp or probe file left');
}

/** The machine goes away whole, as at a power cut: its pool's processes with it. */
export function killMachine(worker: RunningWorker): void {
  for (const pid of childPids(worker.child.pid!)) process.kill(pid, 'SIGKILL');
  worker.child.kill('SIGKILL');
}
