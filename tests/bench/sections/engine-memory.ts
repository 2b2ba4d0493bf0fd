/**
 * Section 3: does the engine's memory stay flat as a run grows? The same tiny job over 2,000 and
 * 20,000 images; the engine's peak RSS as photobatch records it (run.peakRssEngineBytes, sampled
 * by the engine a few times a second) and as seen from outside (the CLI process's VmHWM).
 */
import { tinyPhotos } from '../bench-data.js';
import { named, photobatchProcess, runRounds, showTrial } from '../contenders.js';
import { builds } from '../photobatch-cli.js';
import { fixed, mib, printLines, printTable, verdict } from '../report.js';
import { STAGE_HEADER, STAGE_NOTES, stageFigures, stageRow } from '../stages.js';

const COUNTS = [2000, 20000];
const FLAT = 1.1;

/** Runs section 3 and prints its table (one round: memory, not speed, is the point). */
export async function engineMemorySection(_rounds: number): Promise<void> {
  const rows: string[][] = [];
  const stages: string[][] = [];
  const engine = new Map(builds().map((b) => [b, [] as number[]]));
  for (const count of COUNTS) {
    const { dir } = await tinyPhotos(count);
    for (const build of builds()) {
      const contender = photobatchProcess(
        `photobatch, ${count} items`,
        [dir],
        ['--fit', '32x32', '--workers', '2', '--threads', '1'],
        build,
      );
      const name = contender.name;
      const trial = (await runRounds('memory', [contender], 1)).get(name)![0]!;
      if (trial.runId === null) {
        rows.push([`${name} [${trial.problem}]`, '–', '–', '–', '–', '–', '–', '–']);
        continue;
      }
      const { run, items } = await showTrial(trial);
      stages.push(stageRow(`${name} (run ${run.id})`, stageFigures(run, items)));
      if (run.peakRssEngineBytes !== null) engine.get(build)!.push(run.peakRssEngineBytes);
      rows.push([
        `${name} (run ${run.id})${trial.problem ? ` [${trial.problem}]` : ''}`,
        fixed(trial.measured.wallS),
        fixed(count / trial.measured.wallS, 0),
        mib(run.peakRssEngineBytes),
        mib(trial.measured.commandPeakRssBytes),
        mib(run.peakRssWorkerBytes),
        mib(trial.measured.peakRssBytes),
        rssAlong(trial.measured.commandRss),
      ]);
    }
  }
  const growth: string[] = [];
  for (const [build, peaks] of engine) {
    if (peaks.length !== 2) continue;
    const ratio = peaks[1]! / peaks[0]!;
    const perItem = (peaks[1]! - peaks[0]!) / (COUNTS[1]! - COUNTS[0]!);
    growth.push(
      `${named('photobatch', build)}: engine peak RSS at ${COUNTS[1]} vs ${COUNTS[0]} items: ${ratio.toFixed(2)}x ` +
        `(${fixed(perItem, 0)} bytes per extra item); target flat (taken as ≤ ${FLAT}x): ${verdict(ratio <= FLAT)}`,
    );
  }
  printTable(
    '3. Engine memory: 64×64 JPEGs, fit 32×32, 2 workers (1 run each)',
    [
      'run',
      'wall s',
      'images/s',
      'engine RSS MiB (self)',
      'engine RSS MiB (outside)',
      'largest worker MiB',
      'tree Σ MiB',
      'engine RSS MiB at 25/50/75/100% of its life',
    ],
    rows,
    [
      'engine (self) = run.peakRssEngineBytes from show --json; (outside) = the CLI process VmHWM over its whole life.',
    ],
  );
  printLines(...growth);
  printTable('3b. Engine memory runs: where the time went', STAGE_HEADER, stages, STAGE_NOTES);
}

/** The engine's RSS at quarters of its life (outside samples): a plateau or a slope? */
function rssAlong(samples: [number, number][]): string {
  if (samples.length === 0) return '–';
  const end = samples[samples.length - 1]![0];
  return [0.25, 0.5, 0.75, 1]
    .map((q) => {
      const sample = samples.find(([t]) => t >= q * end) ?? samples[samples.length - 1]!;
      return mib(sample[1]);
    })
    .join('/');
}
