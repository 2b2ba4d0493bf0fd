/**
 * Section 1: large photos, the tutorial's CPU-bound job — blur (sigma 15) at full size, then fit
 * inside 1000×1000 — done by the tutorial's Pillow code, a plain sharp script and photobatch.
 */
import { join } from 'node:path';
import { BENCH_DATA, largePhotos } from '../bench-data.js';
import {
  CONTENDER_HEADER,
  contenderCells,
  medianTrial,
  peer,
  photobatchProcess,
  runRounds,
  slug,
  summarise,
  SYSTEM_PYTHON,
} from '../contenders.js';
import type { Summary } from '../contenders.js';
import { showRun } from '../photobatch-cli.js';
import { folderPsnr } from '../psnr.js';
import { fixed, mib, printLines, printTable, ratio, verdict } from '../report.js';
import { STAGE_HEADER, STAGE_NOTES, stageFigures, stageRow } from '../stages.js';

const OP = ['--blur', '15', '--fit', '1000x1000'];
const PILLOW_SEQ = 'Pillow tutorial, sequential';
const PILLOW_POOL = 'Pillow tutorial, ProcessPool(2)';
const PLAIN = 'plain sharp, 2 processes';
const pb = (pipeline: string, workers: number) =>
  `photobatch ${pipeline}, ${workers} worker${workers > 1 ? 's' : ''}`;

/** Runs section 1 and prints its tables. */
export async function largePhotosSection(rounds: number): Promise<void> {
  const { dir, files } = await largePhotos();
  const contenders = [
    peer(PILLOW_SEQ, SYSTEM_PYTHON, 'pillow_tutorial.py', (out) => ['sequential', out, ...files]),
    peer(PILLOW_POOL, SYSTEM_PYTHON, 'pillow_tutorial.py', (out) => ['pool', out, ...files]),
    peer(PLAIN, process.execPath, 'plain-sharp.mjs', (out) => [
      '--out',
      out,
      ...OP,
      '--processes=2',
      ...files,
    ]),
    ...(['exact', 'fast'] as const).flatMap((pipeline) =>
      [1, 2].map((workers) =>
        photobatchProcess(
          pb(pipeline, workers),
          [dir],
          [...OP, '--pipeline', pipeline, '--workers', String(workers), '--threads', '1'],
        ),
      ),
    ),
  ];
  const trials = await runRounds('large', contenders, rounds);
  const s = (name: string): Summary => summarise(trials.get(name)!);
  const n = files.length;

  printTable(
    `1. Large photos: ${n} × ~24 MP JPEG (mate-backgrounds upscaled, q90), blur 15 at full size then fit 1000×1000; median of ${rounds}`,
    [...CONTENDER_HEADER, 'vs Pillow seq', 'vs plain sharp'],
    contenders.map((c) => [
      ...contenderCells(c.name, s(c.name), n),
      ratio(s(PILLOW_SEQ).wallS, s(c.name).wallS),
      ratio(s(PLAIN).wallS, s(c.name).wallS),
    ]),
    [
      'vs X = X wall / this wall (above 1 = faster than X). Every row is measured from outside (see header).',
      'Plain sharp: decode to raw, blur the raw pixels, then fit (lanczos3) + JPEG q80 in a second pipeline',
      '(one pipeline would blur after the resize); libvips 1 thread per process, cache off; 2 forked children, static split.',
      "Pillow: the tutorial's code unchanged (GaussianBlur is a box-blur approximation; thumbnail is bicubic; JPEG q75).",
      'photobatch: the real CLI, --threads 1, format keep (JPEG q80), scratch --db under .bench-data.',
    ],
  );

  const stageRows: string[][] = [];
  const selfRows: string[][] = [];
  const spans = new Map<string, number>();
  for (const c of contenders.filter((c) => c.name.startsWith('photobatch'))) {
    const trial = medianTrial(trials.get(c.name)!);
    if (trial.runId === null) continue;
    const { run, items } = await showRun(trial.runId);
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
  const fidelity = await folderPsnr(outOf(pb('exact', 2)), outOf(pb('fast', 2)));
  const plainVsExact = await folderPsnr(outOf(pb('exact', 2)), outOf(PLAIN));
  const pillowVsExact = await folderPsnr(outOf(pb('exact', 2)), outOf(PILLOW_SEQ));
  const exact2 = s(pb('exact', 2)).wallS / s(PLAIN).wallS;
  const scaleExact = s(pb('exact', 1)).wallS / s(pb('exact', 2)).wallS;
  const scaleFast = s(pb('fast', 1)).wallS / s(pb('fast', 2)).wallS;
  const psnrNote = (f: Awaited<ReturnType<typeof folderPsnr>>) =>
    `min ${fixed(f.min, 1)} dB, median ${fixed(f.median, 1)} dB over ${f.count} photos${f.sizeMismatches ? ` (${f.sizeMismatches} of different size, left out)` : ''}`;
  printTable(
    '1d. Large photos: targets (reported, not asserted)',
    ['target', 'figure', 'verdict'],
    [
      [
        'photobatch exact 2 workers within 1.10x of plain sharp 2 processes',
        `${exact2.toFixed(2)}x the wall`,
        verdict(exact2 <= 1.1),
      ],
      [
        '2 workers ≥ 1.6x faster than 1 (exact)',
        `${scaleExact.toFixed(2)}x`,
        verdict(scaleExact >= 1.6),
      ],
      [
        '2 workers ≥ 1.6x faster than 1 (fast)',
        `${scaleFast.toFixed(2)}x`,
        verdict(scaleFast >= 1.6),
      ],
      [
        'fast pipeline min PSNR vs exact ≥ 40 dB (only then may fast be the default)',
        `${fixed(fidelity.min, 1)} dB`,
        verdict(fidelity.min >= 40),
      ],
    ],
  );
  const spanScale = (pipeline: string) =>
    ratio(spans.get(pb(pipeline, 1)) ?? NaN, spans.get(pb(pipeline, 2)) ?? NaN);
  printLines(
    `Scaling without start-up and tail (first dispatch → last result, median runs): exact ${spanScale('exact')}, fast ${spanScale('fast')}.`,
    `PSNR over RGB of the JPEG outputs, fast vs exact: ${psnrNote(fidelity)}.`,
    `Cross-checks against photobatch exact: plain sharp ${psnrNote(plainVsExact)}; Pillow ${psnrNote(pillowVsExact)}.`,
  );
}
