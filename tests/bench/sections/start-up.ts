/**
 * Section 5: fixed costs a user waits for whatever the job. (a) Time from launching
 * `photobatch process` to the first image started on a worker, on the large photos (issue 9's
 * "about 0.2 s before the first image is dispatched"), told from the run's own record: the run's
 * `startedAt` (wall clock, ms) minus the spawn time, plus the earliest item `startMs` (on the
 * run's clock). (b) `photobatch runs --limit 1 --json` on the bench's database, spawn → exit,
 * beside node's own start-up. Several tries, interleaved; medians.
 */
import { largePhotos } from '../bench-data.js';
import type { Contender, Trial } from '../contenders.js';
import {
  named,
  perBuild,
  photobatchCommand,
  photobatchProcess,
  runRounds,
  showTrial,
} from '../contenders.js';
import { measure } from '../measure.js';
import { builds, firstItemStartMs } from '../photobatch-cli.js';
import { fixed, median, printLines, printTable } from '../report.js';

/** Tries per round of the bench (start-up is short and noisy: more tries than rounds). */
const TRIES_PER_ROUND = 3;
const NODE = 'node alone (node -e 0)';
const RUNS = 'photobatch runs --limit 1 --json';
const PROCESS = 'photobatch process, default pipeline, 2 workers';
const OP = ['--blur', '15', '--fit', '1000x1000', '--workers', '2'];

const nodeAlone: Contender = {
  name: NODE,
  async run() {
    const measured = await measure(process.execPath, ['-e', '0']);
    return {
      measured,
      runId: null,
      build: null,
      problem: measured.code === 0 ? null : `exit ${measured.code}`,
    };
  },
};

/** Where a process run's start-up went, ms: from its record and the bench's spawn time. */
interface StartUp {
  /** Spawn → the run created in the store (node start-up, modules, store open, input checks). */
  toRunMs: number;
  /** Run created → first image started on a worker (scan, worker start-up, dispatch). */
  toFirstMs: number;
  /** Spawn → first image started. */
  firstMs: number;
  /** The run's own wall. */
  runWallMs: number;
  /** Run's end → process exit (store close, pool shut down, node exit). */
  afterMs: number;
  /** Spawn → exit. */
  exitMs: number;
}

async function startUpOf(trial: Trial): Promise<StartUp | null> {
  if (trial.runId === null) return null;
  const { run, items } = await showTrial(trial);
  const first = firstItemStartMs(run.id, items, trial.build ?? undefined);
  if (first === null) return null;
  const toRunMs = Date.parse(run.startedAt) - trial.measured.spawnedAtMs;
  const exitMs = trial.measured.wallS * 1000;
  const runWallMs = run.wallMs ?? NaN;
  return {
    toRunMs,
    toFirstMs: first,
    firstMs: toRunMs + first,
    runWallMs,
    afterMs: exitMs - toRunMs - runWallMs,
    exitMs,
  };
}

/** Runs section 5 and prints its tables. */
export async function startUpSection(rounds: number): Promise<void> {
  const { dir, files } = await largePhotos();
  const tries = rounds * TRIES_PER_ROUND;
  const contenders = [
    nodeAlone,
    ...perBuild((build) => [
      photobatchProcess(PROCESS, [dir], OP, build),
      photobatchCommand(RUNS, ['runs', '--limit', '1', '--json'], build),
    ]),
  ];
  const trials = await runRounds('startup', contenders, tries);

  const ms = (values: number[]) => fixed(median(values), 0);
  const range = (values: number[]) =>
    `${fixed(Math.min(...values), 0)}–${fixed(Math.max(...values), 0)}`;
  const processRows: string[][] = [];
  for (const build of builds()) {
    const name = named(PROCESS, build);
    const figures: StartUp[] = [];
    for (const trial of trials.get(name)!) {
      const f = await startUpOf(trial);
      if (f) figures.push(f);
    }
    const problem = trials.get(name)!.find((t) => t.problem)?.problem;
    if (figures.length === 0) {
      processRows.push([
        `${name} [${problem ?? 'no items with a start time'}]`,
        '–',
        '–',
        '–',
        '–',
        '–',
        '–',
        '–',
      ]);
      continue;
    }
    const col = (key: keyof StartUp) => figures.map((f) => f[key]);
    processRows.push([
      problem ? `${name} [${problem}]` : name,
      ms(col('toRunMs')),
      ms(col('toFirstMs')),
      ms(col('firstMs')),
      range(col('firstMs')),
      ms(col('runWallMs')),
      ms(col('afterMs')),
      ms(col('exitMs')),
    ]);
  }
  const nodeMs = median(trials.get(NODE)!.map((t) => t.measured.wallS * 1000));
  printTable(
    `5. Start-up: launch → first image started on a worker (${files.length} × 24 MP, blur 15, fit 1000×1000); median of ${tries} tries`,
    [
      'contender',
      'launch→run ms',
      'run→first image ms',
      'launch→first image ms',
      'range ms',
      'run wall ms',
      'run end→exit ms',
      'launch→exit ms',
    ],
    processRows,
    [
      'launch→run = the run record startedAt (ISO, ms) − the spawn time (wall clock): node start-up, module loading, store open, input checks.',
      'run→first image = the earliest item startMs (run clock; before the engine rewrite, the dispatch time; after it, the worker-reported',
      'start): scan, worker start-up, first dispatch. The run clock starts just after startedAt is stamped (the output planner in between).',
      'run end→exit = launch→exit − launch→run − run wall: the store closing, workers ending, node leaving.',
      `node alone (spawn → exit of node -e 0) for reference: ${fixed(nodeMs, 0)} ms.`,
    ],
  );
  const commandRows = [NODE, ...builds().map((b) => named(RUNS, b))].map((name) => {
    const list = trials.get(name)!;
    const walls = list.map((t) => t.measured.wallS * 1000);
    const problem = list.find((t) => t.problem)?.problem;
    return [
      problem ? `${name} [${problem}]` : name,
      ms(walls),
      range(walls),
      name === NODE ? '' : fixed(median(walls) - nodeMs, 0),
      ms(list.map((t) => t.measured.peakRssBytes / 2 ** 20)),
    ];
  });
  printTable(
    `5b. Start-up: a history command, spawn → exit; median of ${tries} tries`,
    ['command', 'ms', 'range ms', 'minus node alone ms', 'peak RSS MiB'],
    commandRows,
    ['on the bench database (the runs of this bench so far, under --db).'],
  );
  printLines(
    'Targets: none stated in issue 9 beyond "measure before and after"; run with --baseline DIR to set the two side by side.',
  );
}
