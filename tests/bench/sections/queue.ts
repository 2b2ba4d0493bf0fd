/**
 * Section 6: many machines on one. The same 24 MP photos with the same total process count
 * (2): the local pool, 2 `photobatch worker`s on a Redis started for the bench, and mixed (one
 * worker plus `--local-workers 1`); per-image queue overhead (how long a lane waited between
 * images: next start − previous end, p50/p95); and Redis's peak memory through a run of 2,000
 * small photos (the bounded window keeps it flat).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { largePhotos, freshDir, smallPhotos } from '../bench-data.js';
import { BIN, runPhotobatch, showRun } from '../photobatch-cli.js';
import type { CliRun } from '../photobatch-cli.js';
import { fixed, median, mib, printTable, ratio, verdict } from '../report.js';
import { startRedis } from '../../helpers/redis-server.js';
import type { TestRedis } from '../../helpers/redis-server.js';
import type { ItemRecord } from '../../../src/shared/records.js';

const OP = ['--blur', '15', '--fit', '1000x1000', '--threads', '1'];
/** The targets, reported, never asserted. */
const WALL_TARGET = 1.15;
const OVERHEAD_P50_TARGET_MS = 5;

interface Mode {
  name: string;
  workers: number;
  args: (url: string) => string[];
}

const MODES: Mode[] = [
  { name: 'local pool, 2 workers', workers: 0, args: () => ['--workers', '2'] },
  { name: '2 queue workers', workers: 2, args: (url) => ['--queue', url] },
  {
    name: 'mixed: 1 queue worker + --local-workers 1',
    workers: 1,
    args: (url) => ['--queue', url, '--local-workers', '1'],
  },
];

/** Starts `count` `photobatch worker --concurrency 1` and waits until each takes tasks. */
async function startWorkers(redis: TestRedis, count: number): Promise<ChildProcess[]> {
  const workers: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(
      process.execPath,
      [BIN, 'worker', '--redis', redis.url, '--name', `bench-${i}`, '--concurrency', '1'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (/taking tasks/.test(seen)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`bench worker exited (${code}): ${seen}`)));
    });
    workers.push(child);
  }
  return workers;
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null) return resolve();
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
}

/** Per lane, the wait between one image's end and the next one's start (ms). */
function laneGaps(items: ItemRecord[]): number[] {
  const byLane = new Map<number, ItemRecord[]>();
  for (const item of items) {
    if (item.workerId === null || item.startMs === null || item.endMs === null) continue;
    byLane.set(item.workerId, [...(byLane.get(item.workerId) ?? []), item]);
  }
  const gaps: number[] = [];
  for (const lane of byLane.values()) {
    lane.sort((a, b) => a.startMs! - b.startMs!);
    for (let i = 1; i < lane.length; i++) {
      gaps.push(Math.max(0, lane[i]!.startMs! - lane[i - 1]!.endMs!));
    }
  }
  return gaps;
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Redis's used memory (bytes), from INFO. */
async function usedMemory(redis: TestRedis): Promise<number> {
  const info = await redis.command('INFO', 'memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Runs section 6 and prints its tables. */
export async function queueSection(rounds: number): Promise<void> {
  const redis = await startRedis();
  try {
    const { dir, files } = await largePhotos();
    const walls = new Map<string, number[]>();
    const gaps = new Map<string, number[]>();
    const problems: string[] = [];
    // Interleaved rounds, so the VM's drift spreads over every mode alike.
    for (let round = 0; round < rounds; round++) {
      for (const mode of MODES) {
        const workers = await startWorkers(redis, mode.workers);
        let run: CliRun;
        try {
          const out = await freshDir('queue', `${round}-${mode.workers}`);
          run = await runPhotobatch(['process', dir, '--out', out, ...OP, ...mode.args(redis.url)]);
        } finally {
          await stopWorkers(workers);
        }
        if (run.problem || !run.summary) {
          problems.push(`${mode.name}: ${run.problem ?? 'no summary'}`);
          continue;
        }
        walls.set(mode.name, [...(walls.get(mode.name) ?? []), run.measured.wallS]);
        const { items } = await showRun(run.summary.runId);
        gaps.set(mode.name, [...(gaps.get(mode.name) ?? []), ...laneGaps(items)]);
      }
    }
    const wall = (name: string) => (walls.get(name)?.length ? median(walls.get(name)!) : NaN);
    const local = wall(MODES[0]!.name);
    printTable(
      `6. Many machines on one: ${files.length} × ~24 MP, blur 15, fit 1000×1000, 2 processes in all; median of ${rounds}`,
      ['mode', 'wall s', 'images/s', 'vs local', 'lane wait p50 ms', 'p95 ms'],
      MODES.map((m) => [
        m.name,
        fixed(wall(m.name)),
        fixed(files.length / wall(m.name)),
        ratio(wall(m.name), local),
        fixed(percentile(gaps.get(m.name) ?? [], 50), 1),
        fixed(percentile(gaps.get(m.name) ?? [], 95), 1),
      ]),
      [
        'vs local = this wall / the local pool wall (below 1 = faster). Lane wait: per image, the time a',
        "lane stood idle between its previous image's end and this one's start, on the coordinator's clock:",
        "the queue's per-image overhead (the local pool's row is the reference).",
        `target: 2 queue workers ≤ ${WALL_TARGET}x the local pool: ${verdict(wall(MODES[1]!.name) <= local * WALL_TARGET)}; ` +
          `queue overhead p50 ≤ ${OVERHEAD_P50_TARGET_MS} ms: ${verdict((percentile(gaps.get(MODES[1]!.name) ?? [], 50) ?? Infinity) <= OVERHEAD_P50_TARGET_MS)}`,
        ...problems.map((p) => `problem: ${p}`),
      ],
    );

    const small = await smallPhotos();
    const workers = await startWorkers(redis, 2);
    const before = await usedMemory(redis);
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await usedMemory(redis).catch(() => 0));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let run: CliRun;
    try {
      const out = await freshDir('queue', 'small');
      run = await runPhotobatch(['process', small.dir, '--out', out, '--queue', redis.url]);
    } finally {
      sampling = false;
      await sampler;
      await stopWorkers(workers);
    }
    printTable(
      `6b. Redis memory through a queue run of ${small.files.length} small photos (2 queue workers)`,
      ['Redis used before MiB', 'peak MiB', 'growth KiB', 'run wall s', 'images/s'],
      [
        [
          mib(before),
          mib(peak),
          fixed((peak - before) / 1024, 0),
          fixed(run.measured.wallS),
          fixed(small.files.length / run.measured.wallS),
        ],
      ],
      [
        'INFO memory used_memory sampled every 50 ms; only a window of ~2 jobs per lane is in Redis at once.',
        ...(run.problem ? [`problem: ${run.problem}`] : []),
      ],
    );
  } finally {
    await redis.close();
  }
}
