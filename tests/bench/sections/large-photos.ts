/**
 * Section 1: large photos, the tutorial's CPU-bound job — blur (sigma 15), fit inside 1000×1000 —
 * on LARGE_COUNT photos of 24 MP: the tutorial's Pillow code, plain sharp in each pipeline's order
 * and photobatch's exact and fast pipelines with 1 and 2 workers.
 */
import { join } from 'node:path';
import { BENCH_DATA, largePhotos } from '../bench-data.js';
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
  slug,
  summarise,
  SYSTEM_PYTHON,
} from '../contenders.js';
import type { Summary } from '../contenders.js';
import { builds } from '../photobatch-cli.js';
import { folderPsnr } from '../psnr.js';
import { fixed, mib, printLines, printTable, ratio, verdict } from '../report.js';
import { STAGE_HEADER, STAGE_NOTES, stageFigures, stageRow } from '../stages.js';

const OP = ['--blur', '15', '--fit', '1000x1000'];
const PIPELINES = ['fast', 'exact'] as const;
type Pipeline = (typeof PIPELINES)[number];
/** Issue 9's targets: photobatch 2 workers' wall at most this many times plain sharp's. */
const WALL_TARGET: Record<Pipeline, number> = { fast: 1.1, exact: 1.05 };
const SCALING_TARGET = 1.6;
const PSNR_TARGET = 40;
const PILLOW_SEQ = 'Pillow tutorial, sequential';
const PILLOW_POOL = 'Pillow tutorial, ProcessPool(2)';
const plain = (p: Pipeline) => `plain sharp ${p}, 2 processes`;
const pb = (p: Pipeline, workers: number) =>
  `photobatch ${p}, ${workers} worker${workers > 1 ? 's' : ''}`;

/** Runs section 1 and prints its tables. */
export async function largePhotosSection(rounds: number): Promise<void> {
  const { dir, files } = await largePhotos();
  const contenders = [
    peer(PILLOW_SEQ, SYSTEM_PYTHON, 'pillow_tutorial.py', (out) => ['sequential', out, ...files]),
    peer(PILLOW_POOL, SYSTEM_PYTHON, 'pillow_tutorial.py', (out) => ['pool', out, ...files]),
    ...PIPELINES.map((p) =>
      peer(plain(p), process.execPath, 'plain-sharp.mjs', (out) => [
        ...['--out', out, ...OP, '--pipeline', p, '--processes=2'],
        ...files,
      ]),
    ),
    ...perBuild((build) =>
      PIPELINES.flatMap((p) =>
        [1, 2].map((workers) =>
          photobatchProcess(
            pb(p, workers),
            [dir],
            [...OP, '--pipeline', p, '--workers', String(workers), '--threads', '1'],
            build,
          ),
        ),
      ),
    ),
  ];
  const trials = await runRounds('large', contenders, rounds);
  const s = (name: string): Summary => summarise(trials.get(name)!);
  const n = files.length;
  const matching = (name: string) => (name.includes(' exact') ? plain('exact') : plain('fast'));

  printTable(
    `1. Large photos: ${n} × ~24 MP JPEG (mate-backgrounds upscaled, q90), blur 15, fit 1000×1000; median of ${rounds}`,
    [...CONTENDER_HEADER, 'vs Pillow seq', 'vs plain, same pipeline'],
    contenders.map((c) => [
      ...contenderCells(c.name, s(c.name), n),
      ratio(s(PILLOW_SEQ).wallS, s(c.name).wallS),
      c.name.startsWith('photobatch') ? ratio(s(matching(c.name)).wallS, s(c.name).wallS) : '',
    ]),
    [
      'vs X = X wall / this wall (above 1 = faster than X). Every row is measured from outside (see header).',
      'exact: blur at full size, then fit; fast: fit first (shrink-on-load), then blur with sigma × shrink (15 × 0.16 here).',
      'Plain sharp exact: decode and blur to raw pixels, then fit (lanczos3) + JPEG q80 in a second pipeline (in one,',
      'sharp would blur after the resize); plain sharp fast: one pipeline (autoOrient → resize inside → blur → jpeg)',
      'after a header read for the shrink. libvips 1 thread per process, cache off; 2 forked children, static split.',
      "Pillow: the tutorial's code unchanged, exact order (GaussianBlur is a box-blur approximation; thumbnail is bicubic; JPEG q75).",
      'photobatch: the real CLI, --threads 1, format keep (JPEG q80), scratch --db under .bench-data.',
    ],
  );

  const stageRows: string[][] = [];
  const selfRows: string[][] = [];
  const spans = new Map<string, number>();
  for (const c of contenders.filter((c) => c.name.startsWith('photobatch'))) {
    const trial = medianTrial(trials.get(c.name)!);
    if (trial.runId === null) continue;
    const { run, items } = await showTrial(trial);
    const figures = stageFigures(run, items);
    spans.set(c.name, figures.spanMs);
    stageRows.push(stageRow(`${c.name} (run ${run.id})`, figures));
    selfRows.push([
      `${c.name} (run ${run.id})`,
      fixed((run.wallMs ?? NaN) / 1000),
      fixed((run.cpuMs ?? NaN) / 1000),
      mib(run.peakRssEngineBytes),
      mib(run.peakRssWorkerBytes),
      mib(run.peakRssTotalBytes),
    ]);
  }
  printTable(
    '1b. Large photos: where photobatch spends its time (median run of each)',
    STAGE_HEADER,
    stageRows,
    STAGE_NOTES,
  );
  printTable(
    '1c. Large photos: what photobatch reports about itself (same runs)',
    ['run', 'wall s', 'CPU s', 'engine RSS MiB', 'largest worker MiB', 'total RSS MiB'],
    selfRows,
  );

  const outOf = (name: string) => join(BENCH_DATA, 'out', 'large', slug(name));
  const psnrNote = (f: Awaited<ReturnType<typeof folderPsnr>>) =>
    `min ${fixed(f.min, 1)} dB, median ${fixed(f.median, 1)} dB over ${f.count} photos${f.sizeMismatches ? ` (${f.sizeMismatches} of different size, left out)` : ''}`;
  const targetRows: string[][] = [];
  const notes: string[] = [];
  for (const build of builds()) {
    const name = (p: Pipeline, workers: number) => named(pb(p, workers), build);
    for (const p of PIPELINES) {
      const wall = s(name(p, 2)).wallS / s(plain(p)).wallS;
      targetRows.push([
        `${name(p, 2)} ≤ ${WALL_TARGET[p].toFixed(2)}x the wall of plain sharp ${p}, 2 processes`,
        `${wall.toFixed(2)}x the wall`,
        verdict(wall <= WALL_TARGET[p]),
      ]);
    }
    for (const p of PIPELINES) {
      const scaling = s(name(p, 1)).wallS / s(name(p, 2)).wallS;
      targetRows.push([
        `photobatch ${p}${build.suffix}: 2 workers ≥ ${SCALING_TARGET}x faster than 1`,
        `${scaling.toFixed(2)}x`,
        verdict(scaling >= SCALING_TARGET),
      ]);
    }
    const fidelity = await folderPsnr(outOf(name('exact', 2)), outOf(name('fast', 2)));
    targetRows.push([
      `photobatch${build.suffix}: fast min PSNR vs exact ≥ ${PSNR_TARGET} dB (only then may fast be the default)`,
      `${fixed(fidelity.min, 1)} dB`,
      verdict(fidelity.min >= PSNR_TARGET),
    ]);
    const spanScale = (p: Pipeline) =>
      ratio(spans.get(name(p, 1)) ?? NaN, spans.get(name(p, 2)) ?? NaN);
    notes.push(
      `photobatch${build.suffix}: scaling without start-up and tail (first dispatch → last result, median runs): ` +
        `exact ${spanScale('exact')}, fast ${spanScale('fast')}; PSNR over RGB of the JPEG outputs, fast vs exact: ${psnrNote(fidelity)}.`,
    );
  }
  printTable(
    `1d. Large photos (${n} × 24 MP): targets (reported, not asserted)`,
    ['target', 'figure', 'verdict'],
    targetRows,
  );
  const reference = outOf(pb('exact', 2));
  const crossCheck = async (name: string) => psnrNote(await folderPsnr(reference, outOf(name)));
  printLines(
    ...notes,
    `Cross-checks against photobatch exact: plain sharp exact ${await crossCheck(plain('exact'))}; ` +
      `plain sharp fast vs photobatch exact ${await crossCheck(plain('fast'))}; Pillow ${await crossCheck(PILLOW_SEQ)}.`,
    `plain sharp fast vs photobatch fast: ${psnrNote(await folderPsnr(outOf(pb('fast', 2)), outOf(plain('fast'))))}.`,
  );
}
