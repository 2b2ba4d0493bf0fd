/**
 * The real `photobatch` CLI (bin/photobatch.js → out/node), run and measured like any peer, with
 * its own record read back through `show --json`. Two builds can be benchmarked side by side:
 * this checkout's, and with `--baseline DIR` a second built checkout's (each with its own scratch
 * database, so neither opens a store migrated by the other).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ItemRecord, RunRecord, RunSummary } from '../../src/shared/records.js';
import { BENCH_DATA, PROJECT } from './bench-data.js';
import { measure } from './measure.js';
import type { Measured } from './measure.js';

/** A built checkout of photobatch whose CLI the bench runs. */
export interface Build {
  /** Appended to every row name of this build: '' for this checkout, ' (baseline)' for the other. */
  suffix: string;
  /** The checkout's root folder. */
  root: string;
  /** Its bin/photobatch.js, as a user runs it. */
  bin: string;
  /** Its scratch database (made fresh by each `npm run bench`). */
  db: string;
}

/** The project's bin, as a user runs it. */
export const BIN = join(PROJECT, 'bin', 'photobatch.js');
/** The bench's scratch database (made fresh by each `npm run bench`). */
export const BENCH_DB = join(BENCH_DATA, 'bench.sqlite');
/** This checkout's build. */
export const THIS_BUILD: Build = { suffix: '', root: PROJECT, bin: BIN, db: BENCH_DB };

let baseline: Build | null = null;

/**
 * Adds `dir` (another checkout of the project, its CLI built with `npx tsc -p tsconfig.node.json`)
 * as the baseline: every photobatch row is then run for it too, in the same rounds.
 */
export function useBaseline(dir: string): Build {
  const root = resolve(dir);
  const bin = join(root, 'bin', 'photobatch.js');
  if (!existsSync(bin) || !existsSync(join(root, 'out', 'node', 'cli', 'main.js'))) {
    throw new Error(
      `--baseline ${dir}: no built CLI there (want bin/photobatch.js and out/node/cli/main.js; ` +
        'build it with `npx tsc -p tsconfig.node.json` in that checkout)',
    );
  }
  if (root === resolve(PROJECT)) throw new Error(`--baseline ${dir} is this checkout`);
  baseline = {
    suffix: ' (baseline)',
    root,
    bin,
    db: join(BENCH_DATA, 'bench-baseline.sqlite'),
  };
  return baseline;
}

/** The builds every photobatch row is run for: this one, then the baseline if any. */
export function builds(): Build[] {
  return baseline ? [THIS_BUILD, baseline] : [THIS_BUILD];
}

/** A measured CLI run: outside figures, plus the summary it printed (null if it printed none). */
export interface CliRun {
  measured: Measured;
  summary: RunSummary | null;
  /** One line saying what went wrong, or null when the run completed with every item ok. */
  problem: string | null;
}

/** The last line of stderr that is not progress, for a one-line problem. */
function reasonOf(measured: Measured): string {
  const reason = measured.stderr
    .trim()
    .split('\n')
    .filter((l) => !/^(progress|run \d+)/.test(l))
    .pop();
  return `exit ${measured.code}: ${reason ?? 'no output'}`;
}

/** Runs `photobatch <args> --json --db <build's db>` under the bench's measure. */
export async function runPhotobatch(
  args: string[],
  build: Build = THIS_BUILD,
  stdin?: string,
): Promise<CliRun> {
  const measured = await measure(
    process.execPath,
    [build.bin, ...args, '--json', '--db', build.db],
    {
      cwd: build.root,
      ...(stdin === undefined ? {} : { stdin }),
    },
  );
  let summary: RunSummary | null;
  try {
    summary = JSON.parse(measured.stdout) as RunSummary;
    if (typeof summary?.items?.failed !== 'number') summary = null;
  } catch {
    summary = null;
  }
  let problem: string | null = null;
  if (measured.code !== 0 || !summary) {
    problem = reasonOf(measured);
  } else if (summary.items.failed > 0) {
    problem = `${summary.items.failed} failed: ${summary.failures[0]?.error ?? ''}`;
  }
  return { measured, summary, problem };
}

/** Runs `photobatch <args> --db <build's db>` (a command that prints no run summary). */
export async function runPhotobatchCommand(
  args: string[],
  build: Build = THIS_BUILD,
): Promise<{ measured: Measured; problem: string | null }> {
  const measured = await measure(process.execPath, [build.bin, ...args, '--db', build.db], {
    cwd: build.root,
  });
  return { measured, problem: measured.code === 0 ? null : reasonOf(measured) };
}

/** Reads one run and its items back with `show --json`. */
export async function showRun(
  runId: number,
  build: Build = THIS_BUILD,
): Promise<{ run: RunRecord; items: ItemRecord[] }> {
  const child = spawn(
    process.execPath,
    [build.bin, 'show', String(runId), '--json', '--db', build.db],
    { cwd: build.root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`photobatch show ${runId} exited with ${code}`);
  return JSON.parse(Buffer.concat(chunks).toString()) as { run: RunRecord; items: ItemRecord[] };
}

/**
 * The earliest item start of a run (ms on the run's clock): from `show --json`'s items, or, if
 * that build's `show` prints none, from its database read-only (items.start_ms).
 */
export function firstItemStartMs(
  runId: number,
  items: ItemRecord[] | undefined,
  build: Build = THIS_BUILD,
): number | null {
  const starts = (items ?? []).map((i) => i.startMs).filter((v): v is number => v !== null);
  if (starts.length) return Math.min(...starts);
  try {
    const db = new Database(build.db, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(
          'SELECT MIN(start_ms) AS first FROM items WHERE run_id = ? AND start_ms IS NOT NULL',
        )
        .get(runId) as { first: number | null } | undefined;
      return row?.first ?? null;
    } finally {
      db.close();
    }
  } catch {
    // Another schema than the one this was written against: no figure rather than no bench.
    return null;
  }
}

/** Whether this build has a `download` command (the downloads work may not be merged yet). */
export async function hasDownloadCommand(build: Build = THIS_BUILD): Promise<boolean> {
  const child = spawn(process.execPath, [build.bin, 'download', '--help'], {
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

function commitOf(root: string): string {
  try {
    return execFileSync('git', ['-C', root, 'log', '-1', '--format=%h %s'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .slice(0, 90);
  } catch {
    return 'not a git checkout';
  }
}

/** A line about a CLI build the bench runs, warning when its src/ changed after it was built. */
export function describeBuild(build: Build = THIS_BUILD): string {
  const name = build.suffix ? `baseline CLI build (${build.root})` : 'CLI build';
  const built = join(build.root, 'out', 'node', 'cli', 'main.js');
  if (!existsSync(built)) return `${name}: missing — run \`npm run build:node\` first`;
  const builtAt = statSync(built).mtimeMs;
  const folders = ['shared', 'engine', 'worker', 'db', 'cli'].map((f) =>
    join(build.root, 'src', f),
  );
  const srcAt = Math.max(...folders.filter(existsSync).map((f) => newestMtime(f, '.ts')));
  const when = new Date(builtAt).toISOString().slice(0, 19).replace('T', ' ');
  const head = `${name}: out/node from ${when} UTC, HEAD ${commitOf(build.root)}`;
  return srcAt > builtAt
    ? `${head} — WARNING: src/ changed since; run \`npm run build:node\` there`
    : `${head} (up to date with src/)`;
}
