/**
 * Section 2: many small files, where the per-image overhead of photobatch's engine (scan, IPC,
 * validation, SQLite) shows: issue 9's 2,000 × 320×200 JPEGs, blur 2, fit 100×100. photobatch
 * with 2 workers, each pipeline, against plain sharp doing the same work in the same order with
 * 2 processes × 4 images in flight; between them photobatch's own pipeline code without the
 * engine, to tell pipeline cost from engine cost.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { BENCH_DATA, SMALL, smallPhotos } from '../bench-data.js';
import {
  CONTENDER_HEADER,
  contenderCells,
  medianTrial,
  named,
  peer,
  perBuild,
  photobatchProcess,
  runRounds,
  showTrial,
  summarise,
} from '../contenders.js';
import type { Summary } from '../contenders.js';
import { builds } from '../photobatch-cli.js';
import { fixed, printLines, printTable, verdict } from '../report.js';
import { STAGE_HEADER, STAGE_NOTES, stageFigures, stageRow } from '../stages.js';

const OP = ['--blur', '2', '--fit', '100x100'];
const TARGET = 0.95;
const PIPELINES = ['fast', 'exact'] as const;
type Pipeline = (typeof PIPELINES)[number];
const plain = (p: Pipeline) => `plain sharp ${p}, 2 processes × 4 in flight`;
// The pipeline alone is run for the default pipeline only (the engine's cost is the same for both).
const ALONE = "photobatch's pipeline alone, fast, 2 processes × 1 in flight";
const pb = (p: Pipeline) =>
  p === 'fast' ? 'photobatch default (fast), 2 workers' : 'photobatch exact, 2 workers';

/** Runs section 2 and prints its tables. */
export async function smallFilesSection(rounds: number): Promise<void> {
  const { dir, files } = await smallPhotos();
  const list = join(BENCH_DATA, `small-${SMALL.width}x${SMALL.height}.list`);
  await writeFile(list, files.join('\n') + '\n');
  const contenders = [
    ...PIPELINES.map((p) =>
      peer(plain(p), process.execPath, 'plain-sharp.mjs', (out) => [
        ...['--out', out, ...OP, '--pipeline', p, '--processes=2', '--in-flight=4'],
        ...['--list', list],
      ]),
    ),
    peer(ALONE, process.execPath, 'pipeline-only.mjs', (out) => [
      ...['--out', out, ...OP, '--pipeline', 'fast', '--processes=2', '--in-flight=1'],
      ...['--list', list],
    ]),
    // The default pipeline is left to photobatch (fast today): the row is what a user gets.
    ...perBuild((build) =>
      PIPELINES.map((p) =>
        photobatchProcess(
          pb(p),
          [dir],
          [...OP, '--workers', '2', ...(p === 'exact' ? ['--pipeline', 'exact'] : [])],
          build,
        ),
      ),
    ),
  ];
  const trials = await runRounds('small', contenders, rounds);
  const s = (name: string): Summary => summarise(trials.get(name)!);
  const n = files.length;
  const rate = (name: string) => n / s(name).wallS;
  const matching = (name: string) => (name.includes(' exact') ? plain('exact') : plain('fast'));
  printTable(
    `2. Small files: ${n} × ${SMALL.width}×${SMALL.height} JPEG, blur 2, fit 100×100; median of ${rounds}`,
    [...CONTENDER_HEADER, 'vs plain, same pipeline'],
    contenders.map((c) => [
      ...contenderCells(c.name, s(c.name), n),
      c.name.startsWith('plain') ? '' : `${(rate(c.name) / rate(matching(c.name))).toFixed(2)}x`,
    ]),
    [
      'vs plain = this throughput / plain sharp throughput with the same pipeline (exact rows vs plain exact, others vs plain fast).',
      'Same pixel work, JPEG q80, libvips 1 thread per process. exact: decode (full size) → blur 2 → fit (lanczos3);',
      'fast: fit first (shrink-on-load) → blur with sigma × shrink (2 × 0.31 here). Plain sharp exact: two pipelines',
      '(decode + blur to raw; fit + encode); plain sharp fast: one pipeline (autoOrient → resize inside → blur → jpeg) after a',
      "header read for the shrink. photobatch's pipeline alone (fast): the built out/node/worker/run-pipeline.js in a loop",
      '(no engine: no scan, IPC or SQLite), same static split, 1 in flight: what one worker does, image by image.',
    ],
  );

  const stageRows: string[][] = [];
  const laneLines: string[] = [];
  // Per lane: each of the 2 lanes does n/2 images.
  const lane = (name: string) => `${((s(name).wallS / n) * 2 * 1000).toFixed(2)} ms`;
  for (const build of builds()) {
    for (const p of PIPELINES) {
      const name = named(pb(p), build);
      const trial = medianTrial(trials.get(name)!);
      if (trial.runId === null) continue;
      const { run, items } = await showTrial(trial);
      const f = stageFigures(run, items);
      stageRows.push(stageRow(`${name} (run ${run.id})`, f));
      laneLines.push(
        `${name}: wall per image per lane: plain sharp ${lane(plain(p))} → ` +
          (p === 'fast' ? `pipeline alone ${lane(ALONE)} → ` : '') +
          `CLI ${lane(name)} (worker stages ${fixed(f.readMs + f.opsMs + f.encodeMs, 2)} + ipc ${fixed(f.ipcMs, 2)} ` +
          `+ gap ${fixed(f.gapMs, 2)} ms); CPU ${fixed(s(name).cpuS)} s, of which the engine process ` +
          `${fixed(trial.measured.commandCpuS)} s (/proc), vs plain ${fixed(s(plain(p)).cpuS)} s` +
          (p === 'fast' ? ` and pipeline alone ${fixed(s(ALONE).cpuS)} s.` : '.'),
      );
    }
  }
  const dash = ['–', '–', '–', '–', '–'];
  const timers = pipelineStages(medianTrial(trials.get(ALONE)!).measured.stdout);
  stageRows.push([`${ALONE} (same timers)`, ...timers.map((v) => fixed(v, 2)), ...dash]);
  printTable(
    '2b. Small files: where photobatch spends its time (median runs)',
    STAGE_HEADER,
    stageRows,
    [
      ...STAGE_NOTES,
      'The pipeline-alone row is the same runPipeline code with the same stage timers, in processes with no engine beside them.',
    ],
  );
  printLines(...laneLines, `(${os.cpus().length} cores, shared by the engine and its workers.)`);

  const targetRows: string[][] = [];
  for (const build of builds()) {
    for (const p of PIPELINES) {
      const name = named(pb(p), build);
      const figure = rate(name) / rate(plain(p));
      targetRows.push([
        `${name} ≥ ${TARGET}x the throughput of plain sharp ${p} (2 × 4 in flight)`,
        `${figure.toFixed(2)}x`,
        verdict(figure >= TARGET),
      ]);
    }
    const fast = named(pb('fast'), build);
    targetRows.push(
      [
        `(for reference) ${fast} vs plain sharp exact (issue 9's first pairing, 0.71x)`,
        `${(rate(fast) / rate(plain('exact'))).toFixed(2)}x`,
        '',
      ],
      [
        `(for reference) ${fast} vs its pipeline alone, 2 × 1 in flight`,
        `${(rate(fast) / rate(ALONE)).toFixed(2)}x`,
        '',
      ],
    );
  }
  printTable(
    '2c. Small files: targets (reported, not asserted)',
    ['target', 'figure', 'verdict'],
    targetRows,
  );
}

/** Mean read/ops/encode ms per image from pipeline-only.mjs's `stages {…}` lines. */
function pipelineStages(stdout: string): number[] {
  const totals = { images: 0, readMs: 0, opsMs: 0, encodeMs: 0 };
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('stages ')) continue;
    const sums = JSON.parse(line.slice('stages '.length)) as typeof totals;
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += sums[key];
  }
  return [totals.readMs, totals.opsMs, totals.encodeMs].map((v) => v / totals.images);
}
