/**
 * Section: how close the fast pipeline stays to the exact one in every size mode (issue 10: "the
 * fast pipeline's shrink-on-load stays correct for every mode"). The large photos (24 MP) through
 * photobatch with 2 workers, fast and exact, for fill (cover and crop, centre and attention),
 * long edge and scale, each with and without a blur (the fast pipeline scales the blur's sigma by
 * the shrink), and fit as the reference row of section 1. PSNR over RGB of the outputs, fast
 * against exact; the walls beside, so the price of exact is in view.
 */
import { join } from 'node:path';
import { BENCH_DATA, largePhotos } from '../bench-data.js';
import { photobatchProcess, runRounds, slug, summarise } from '../contenders.js';
import { folderPsnr } from '../psnr.js';
import { fixed, printTable, ratio, verdict } from '../report.js';

/** The same floor as section 1's: fast may be the default only above it. */
const PSNR_TARGET = 40;

const MODES: readonly { name: string; options: string[] }[] = [
  { name: 'fit 1000x1000, blur 15', options: ['--fit', '1000x1000', '--blur', '15'] },
  { name: 'fill 400x400', options: ['--fill', '400x400'] },
  { name: 'fill 400x400, blur 15', options: ['--fill', '400x400', '--blur', '15'] },
  {
    name: 'fill 800x400 attention, blur 5',
    options: ['--fill', '800x400', '--position', 'attention', '--blur', '5'],
  },
  { name: 'long edge 2048', options: ['--long-edge', '2048'] },
  { name: 'long edge 1600, blur 15', options: ['--long-edge', '1600', '--blur', '15'] },
  { name: 'scale 25%, blur 15', options: ['--scale', '25%', '--blur', '15'] },
];

const label = (mode: string, pipeline: 'fast' | 'exact') => `photobatch ${pipeline}, ${mode}`;

/** Runs the fidelity section and prints its table. */
export async function fidelitySection(rounds: number): Promise<void> {
  const { dir, files } = await largePhotos();
  // This build only: a baseline from before the size modes would not know them.
  const contenders = MODES.flatMap((mode) =>
    (['fast', 'exact'] as const).map((pipeline) =>
      photobatchProcess(
        label(mode.name, pipeline),
        [dir],
        [...mode.options, '--pipeline', pipeline, '--workers', '2', '--threads', '1'],
      ),
    ),
  );
  const trials = await runRounds('fidelity', contenders, rounds);
  const wall = (name: string) => summarise(trials.get(name)!).wallS;
  const outOf = (name: string) => join(BENCH_DATA, 'out', 'fidelity', slug(name));
  const rows: string[][] = [];
  for (const mode of MODES) {
    const [fast, exact] = [label(mode.name, 'fast'), label(mode.name, 'exact')];
    const f = await folderPsnr(outOf(exact), outOf(fast));
    rows.push([
      mode.name,
      fixed(wall(fast)),
      fixed(wall(exact)),
      ratio(wall(exact), wall(fast)),
      f.min === Infinity
        ? 'identical'
        : `${fixed(f.min, 1)} / ${fixed(f.median, 1)}${f.sizeMismatches ? ` (${f.sizeMismatches} sizes differ)` : ''}`,
      verdict(f.min >= PSNR_TARGET && f.sizeMismatches === 0),
    ]);
  }
  printTable(
    `Fidelity. ${files.length} × 24 MP photos, 2 workers, fast vs exact in each size mode; median wall of ${rounds}`,
    [
      'mode',
      'fast s',
      'exact s',
      'fast speedup',
      'PSNR min / median dB',
      `≥ ${PSNR_TARGET} dB, same sizes`,
    ],
    rows,
    [
      'fast: shrink-on-load to the output size (fill: to the size covering its box, blurred there, then cropped), blur with',
      'sigma × the shrink (below 2 px: in floating point, after a gentler shrink-on-load). exact: decode at',
      'full size, blur, then resize (lanczos3). PSNR over RGB of fast against exact, same names.',
      'Outputs keep the input format (JPEG q80), so both sides carry JPEG noise of their own: above 40 dB is visually the same.',
    ],
  );
}
