/**
 * A contender is one way of doing a section's job (a peer script or the photobatch CLI). Each is
 * run for a number of rounds, interleaved (A B C, A B C, …) so a noisy neighbour hurts all alike,
 * into a fresh output folder every time; tables show medians.
 */
import { join } from 'node:path';
import { freshDir, PROJECT } from './bench-data.js';
import type { Measured } from './measure.js';
import { measure } from './measure.js';
import type { Build } from './photobatch-cli.js';
import {
  builds,
  runPhotobatch,
  runPhotobatchCommand,
  showRun,
  THIS_BUILD,
} from './photobatch-cli.js';
import { fixed, median, mib } from './report.js';

/** One run of a contender. */
export interface Trial {
  measured: Measured;
  /** photobatch's run id, for `show --json`. */
  runId: number | null;
  /** The photobatch build that ran it (null for a peer). */
  build: Build | null;
  /** What went wrong, or null. */
  problem: string | null;
}

/** A way of doing the job into `out`. */
export interface Contender {
  name: string;
  run(out: string): Promise<Trial>;
}

/** Debian's Python, which has python3-pil (the python3 on PATH may be a pyenv build without it). */
export const SYSTEM_PYTHON = '/usr/bin/python3';
const PEERS = join(PROJECT, 'tests', 'bench', 'peers');

/** A peer command from tests/bench/peers, run with `interpreter` (and `env` added). */
export function peer(
  name: string,
  interpreter: string,
  script: string,
  args: (out: string) => string[],
  env: NodeJS.ProcessEnv = {},
): Contender {
  return {
    name,
    async run(out) {
      const measured = await measure(interpreter, [join(PEERS, script), ...args(out)], {
        env: { ...process.env, ...env },
      });
      const problem =
        measured.code === 0
          ? null
          : `exit ${measured.code}: ${measured.stderr.trim().split('\n').pop() ?? ''}`;
      return { measured, runId: null, build: null, problem };
    },
  };
}

/** A row name for `build`: `name` for this checkout, `name (baseline)` for the baseline. */
export function named(name: string, build: Build = THIS_BUILD): string {
  return name + build.suffix;
}

/**
 * Any photobatch run command; `args(out)` gives its arguments (--json, --db and --label are
 * added). Named `named(name, build)`.
 */
export function photobatch(
  name: string,
  args: (out: string) => string[],
  build: Build = THIS_BUILD,
): Contender {
  const full = named(name, build);
  return {
    name: full,
    async run(out) {
      const { measured, summary, problem } = await runPhotobatch(
        [...args(out), '--label', `bench: ${full}`],
        build,
      );
      return { measured, runId: summary?.runId ?? null, build, problem };
    },
  };
}

/** A photobatch command that makes no run (`runs`, `show`…), measured from spawn to exit. */
export function photobatchCommand(
  name: string,
  args: string[],
  build: Build = THIS_BUILD,
): Contender {
  return {
    name: named(name, build),
    async run() {
      const { measured, problem } = await runPhotobatchCommand(args, build);
      return { measured, runId: null, build, problem };
    },
  };
}

/** `photobatch process <inputs> --out OUT <flags>`. */
export function photobatchProcess(
  name: string,
  inputs: string[],
  flags: string[],
  build: Build = THIS_BUILD,
): Contender {
  return photobatch(name, (out) => ['process', ...inputs, '--out', out, ...flags], build);
}

/** `make(build)` for every build the bench runs (this checkout, then the baseline's beside it). */
export function perBuild(make: (build: Build) => Contender | Contender[]): Contender[] {
  return builds().flatMap((b) => make(b));
}

/** A photobatch trial's run and items, read back from the build that made it. */
export function showTrial(trial: Trial): ReturnType<typeof showRun> {
  if (trial.runId === null) throw new Error('this trial made no run');
  return showRun(trial.runId, trial.build ?? THIS_BUILD);
}

/** Runs every contender `rounds` times, interleaved; trials by contender name. */
export async function runRounds(
  section: string,
  contenders: Contender[],
  rounds: number,
): Promise<Map<string, Trial[]>> {
  const trials = new Map<string, Trial[]>(contenders.map((c) => [c.name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of contenders) {
      const out = await freshDir(section, slug(contender.name));
      process.stderr.write(`bench: ${section} round ${round}/${rounds}: ${contender.name}… `);
      const trial = await contender.run(out);
      process.stderr.write(
        `${trial.measured.wallS.toFixed(2)} s${trial.problem ? ` (${trial.problem})` : ''}\n`,
      );
      trials.get(contender.name)!.push(trial);
    }
  }
  return trials;
}

/** A file-name-safe form of a contender's name. */
export function slug(name: string): string {
  return name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

/** Medians of a contender's trials. */
export interface Summary {
  wallS: number;
  minWallS: number;
  maxWallS: number;
  cpuS: number;
  peakRssBytes: number;
  maxProcessRssBytes: number;
  problem: string | null;
}

/** Medians over the trials (a trial with a problem still counts, and the problem is shown). */
export function summarise(trials: Trial[]): Summary {
  const walls = trials.map((t) => t.measured.wallS);
  return {
    wallS: median(walls),
    minWallS: Math.min(...walls),
    maxWallS: Math.max(...walls),
    cpuS: median(trials.map((t) => t.measured.cpuS)),
    peakRssBytes: median(trials.map((t) => t.measured.peakRssBytes)),
    maxProcessRssBytes: median(trials.map((t) => t.measured.maxProcessRssBytes)),
    problem: trials.find((t) => t.problem)?.problem ?? null,
  };
}

/** The shared table columns for a contender. */
export const CONTENDER_HEADER = [
  'contender',
  'wall s',
  'range s',
  'CPU s',
  'peak RSS MiB',
  'largest proc MiB',
  'images/s',
];

/** A contender's cells under CONTENDER_HEADER. */
export function contenderCells(name: string, s: Summary, images: number): string[] {
  return [
    s.problem ? `${name} [${s.problem}]` : name,
    fixed(s.wallS),
    `${fixed(s.minWallS)}–${fixed(s.maxWallS)}`,
    fixed(s.cpuS),
    mib(s.peakRssBytes),
    mib(s.maxProcessRssBytes),
    fixed(images / s.wallS, 1),
  ];
}

/** The trial with the median wall time (the lower middle one for an even count). */
export function medianTrial(trials: Trial[]): Trial {
  const sorted = [...trials].sort((a, b) => a.measured.wallS - b.measured.wallS);
  return sorted[(sorted.length - 1) >> 1]!;
}
