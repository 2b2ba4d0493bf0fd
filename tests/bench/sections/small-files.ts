/**
 * Section 2: many small files, where the per-image overhead of photobatch's engine (scan, IPC,
 * validation, SQLite) shows: photobatch with 2 workers against plain sharp doing the same work.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { BENCH_DATA, smallPhotos } from '../bench-data.js';
import {
  CONTENDER_HEADER,
  contenderCells,
  medianTrial,
  peer,
  photobatchProcess,
  runRounds,
  summarise,
} from '../contenders.js';
import type { Summary } from '../contenders.js';
import { showRun } from '../photobatch-cli.js';
import { fixed, printLines, printTable, ratio, verdict } from '../report.js';
import { STAGE_HEADER, STAGE_NOTES, stageFigures, stageRow } from '../stages.js';

// No blur: a light job, so that what is not image work stands out.
const OP = ['--fit', '320x320'];
const PLAIN_1 = 'plain sharp, 1 process, 2 in flight';
const PLAIN_2 = 'plain sharp, 2 processes';
const PIPELINE = "photobatch's pipeline alone, 2 processes";
// The worker pool starts its workers with MALLOC_ARENA_MAX=2 (src/engine/worker-pool.ts):
// the same bare pipeline under that setting tells whether it costs anything.
const PIPELINE_ARENAS = "photobatch's pipeline alone, MALLOC_ARENA_MAX=2";
const PB = 'photobatch exact, 2 workers';

/** Runs section 2 and prints its tables. */
export async function smallFilesSection(rounds: number): Promise<void> {
  const { dir, files } = await smallPhotos();
  const list = join(BENCH_DATA, 'small-640x480.list');
  await writeFile(list, files.join('\n') + '\n');
  const contenders = [
    peer(PLAIN_1, process.execPath, 'plain-sharp.mjs', (out) => [
      '--out',
      out,
      ...OP,
      '--in-flight=2',
      '--list',
      list,
    ]),
    peer(PLAIN_2, process.execPath, 'plain-sharp.mjs', (out) => [
      '--out',
      out,
      ...OP,
      '--processes=2',
      '--list',
      list,
    ]),
    peer(PIPELINE, process.execPath, 'pipeline-only.mjs', (out) => [
      '--out',
      out,
      ...OP,
      '--processes=2',
      '--list',
      list,
    ]),
    peer(
      PIPELINE_ARENAS,
      process.execPath,
      'pipeline-only.mjs',
      (out) => ['--out', out, ...OP, '--processes=2', '--list', list],
      { MALLOC_ARENA_MAX: '2' },
    ),
    photobatchProcess(
      PB,
      [dir],
      [...OP, '--workers', '2', '--threads', '1', '--pipeline', 'exact'],
    ),
  ];
  const trials = await runRounds('small', contenders, rounds);
  const s = (name: string): Summary => summarise(trials.get(name)!);
  const n = files.length;
  printTable(
    `2. Small files: ${n} × 640×480 JPEG, fit 320×320 (no blur); median of ${rounds}`,
    [...CONTENDER_HEADER, 'vs plain 2 proc'],
    contenders.map((c) => [
      ...contenderCells(c.name, s(c.name), n),
      ratio(s(c.name).wallS ? n / s(c.name).wallS : 0, n / s(PLAIN_2).wallS),
    ]),
    [
      'vs plain 2 proc = this throughput / plain sharp 2 processes throughput.',
      'All do the same pixel work: full decode (no shrink-on-load), lanczos3 fit, JPEG q80; libvips 1 thread per process.',
      "Plain sharp: two pipelines (decode to raw; fit + encode to file). photobatch's pipeline alone: the built",
      'out/node/worker/run-pipeline.js called in a loop (no engine: no scan, IPC or SQLite), same static split.',
    ],
  );
  const trial = medianTrial(trials.get(PB)!);
  if (trial.runId !== null) {
    const { run, items } = await showRun(trial.runId);
    const f = stageFigures(run, items);
    const alone = (name: string) => pipelineStages(medianTrial(trials.get(name)!).measured.stdout);
    const dash = ['–', '–', '–', '–', '–'];
    printTable(
      '2b. Small files: where photobatch spends its time (median runs)',
      STAGE_HEADER,
      [
        stageRow(`${PB} (run ${run.id})`, f),
        [`${PIPELINE} (same timers)`, ...alone(PIPELINE).map((v) => fixed(v, 2)), ...dash],
        [
          `${PIPELINE_ARENAS} (same timers)`,
          ...alone(PIPELINE_ARENAS).map((v) => fixed(v, 2)),
          ...dash,
        ],
      ],
      [
        ...STAGE_NOTES,
        'The pipeline-alone rows are the same runPipeline code with the same stage timers, in processes with no engine beside them.',
      ],
    );
    // Per worker lane: each of the 2 lanes does n/2 images.
    const lane = (wallS: number) => ((wallS / n) * 2 * 1000).toFixed(2);
    printLines(
      `Wall per image per lane: plain sharp ${lane(s(PLAIN_2).wallS)} ms → photobatch's pipeline alone ${lane(s(PIPELINE).wallS)} ms ` +
        `→ photobatch CLI ${lane(s(PB).wallS)} ms (worker stages ${fixed(f.readMs + f.opsMs + f.encodeMs, 2)} + ipc ${fixed(f.ipcMs, 2)} + gap ${fixed(f.gapMs, 2)} ms).`,
      `CPU: plain ${fixed(s(PLAIN_2).cpuS)} s, pipeline alone ${fixed(s(PIPELINE).cpuS)} s, photobatch ${fixed(s(PB).cpuS)} s, ` +
        `of which its engine process ${fixed(trial.measured.commandCpuS)} s (/proc) on ${os.cpus().length} cores shared with the workers.`,
    );
  }
  const throughput = n / s(PB).wallS / (n / s(PLAIN_2).wallS);
  printTable(
    '2c. Small files: target (reported, not asserted)',
    ['target', 'figure', 'verdict'],
    [
      [
        'photobatch ≥ 0.9x the throughput of plain sharp with 2 processes',
        `${throughput.toFixed(2)}x`,
        verdict(throughput >= 0.9),
      ],
      [
        '(for reference) vs plain sharp in one process, 2 in flight',
        `${(n / s(PB).wallS / (n / s(PLAIN_1).wallS)).toFixed(2)}x`,
        '',
      ],
      [
        "(for reference) vs photobatch's pipeline alone, 2 processes",
        `${(n / s(PB).wallS / (n / s(PIPELINE).wallS)).toFixed(2)}x`,
        '',
      ],
    ],
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
