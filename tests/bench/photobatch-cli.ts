/**
 * The real `photobatch` CLI (bin/photobatch.js → out/node), run and measured like any peer, with
 * its own record read back through `show --json`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemRecord, RunRecord, RunSummary } from '../../src/shared/records.js';
import { BENCH_DATA, PROJECT } from './bench-data.js';
import { measure } from './measure.js';
import type { Measured } from './measure.js';

/** The project's bin, as a user runs it. */
export const BIN = join(PROJECT, 'bin', 'photobatch.js');
/** The bench's scratch database (made fresh by each `npm run bench`). */
export const BENCH_DB = join(BENCH_DATA, 'bench.sqlite');

/** A measured CLI run: outside figures, plus the summary it printed (null if it printed none). */
export interface CliRun {
  measured: Measured;
  summary: RunSummary | null;
  /** One line saying what went wrong, or null when the run completed with every item ok. */
  problem: string | null;
}

/** Runs `photobatch <args> --json --db BENCH_DB` under the bench's measure. */
export async function runPhotobatch(args: string[], stdin?: string): Promise<CliRun> {
  const measured = await measure(process.execPath, [BIN, ...args, '--json', '--db', BENCH_DB], {
    ...(stdin === undefined ? {} : { stdin }),
  });
  let summary: RunSummary | null;
  try {
    summary = JSON.parse(measured.stdout) as RunSummary;
  } catch {
    summary = null;
  }
  let problem: string | null = null;
  if (measured.code !== 0 || !summary) {
    const reason = measured.stderr
      .trim()
      .split('\n')
      .filter((l) => !/^(progress|run \d+)/.test(l))
      .pop();
    problem = `exit ${measured.code}: ${reason ?? 'no output'}`;
  } else if (summary.items.failed > 0) {
    problem = `${summary.items.failed} failed: ${summary.failures[0]?.error ?? ''}`;
  }
  return { measured, summary, problem };
}

/** Reads one run and its items back with `show --json`. */
export async function showRun(runId: number): Promise<{ run: RunRecord; items: ItemRecord[] }> {
  const child = spawn(process.execPath, [BIN, 'show', String(runId), '--json', '--db', BENCH_DB], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`photobatch show ${runId} exited with ${code}`);
  return JSON.parse(Buffer.concat(chunks).toString()) as { run: RunRecord; items: ItemRecord[] };
}

/** Whether this build has a `download` command (the downloads work may not be merged yet). */
export async function hasDownloadCommand(): Promise<boolean> {
  const child = spawn(process.execPath, [BIN, 'download', '--help'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return !/unknown command/.test(stderr);
}

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** A line about the CLI build the bench runs, warning when src/ changed after it was built. */
export function describeBuild(): string {
  const built = join(PROJECT, 'out', 'node', 'cli', 'main.js');
  if (!existsSync(built)) return 'CLI build: missing — run `npm run build:node` first';
  const builtAt = statSync(built).mtimeMs;
  const folders = ['shared', 'engine', 'worker', 'db', 'cli'].map((f) => join(PROJECT, 'src', f));
  const srcAt = Math.max(...folders.filter(existsSync).map((f) => newestMtime(f, '.ts')));
  const when = new Date(builtAt).toISOString().slice(0, 19).replace('T', ' ');
  return srcAt > builtAt
    ? `CLI build: out/node from ${when} UTC — WARNING: src/ changed since; run \`npm run build:node\``
    : `CLI build: out/node from ${when} UTC (up to date with src/)`;
}
