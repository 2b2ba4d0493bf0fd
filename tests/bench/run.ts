/**
 * `npm run bench [-- --only large,small,memory,download,startup,queue,heic,fidelity] [--rounds N] [--baseline DIR]`
 *
 * Photobatch's benchmark: figures and ratios printed, never asserted, and never part of
 * `npm test`. Input sets are made once under .bench-data/ and reused. Each table shows medians
 * over the rounds, which run interleaved (A B C, A B C, …). Sections, with what each costs on a
 * quiet 2-core machine at the default 3 rounds, this build alone:
 *   large     10 × 24 MP photos (LARGE_COUNT), blur 15, fit 1000×1000: Pillow (tutorial), plain
 *             sharp exact and fast, photobatch exact/fast × 1/2 workers; issue 9's targets (2
 *             workers: fast ≤ 1.10x, exact ≤ 1.05x plain sharp's wall; 2 workers ≥ 1.6x 1) and
 *             fast-vs-exact PSNR                                                            ~2.5 min
 *   small     2,000 × 320×200 JPEGs, blur 2, fit 100×100: photobatch default (fast) and exact,
 *             2 workers, vs plain sharp in the same order, 2 processes × 4 in flight (target
 *             ≥ 0.95x throughput), and photobatch's pipeline alone (pipeline vs engine cost)  ~2 min
 *   memory    engine peak RSS at 2,000 vs 20,000 tiny images (1 run each)                     ~1 min
 *   download  100 URLs at 250 ms latency vs ideal, curl and Python; download --process overlap ~2 min
 *   startup   launch → first image started on a worker, `photobatch runs` spawn → exit      ~0.3 min
 *   heic      6 × 12 MP HEIC → JPEG: native heif-convert (1 and 2 at once) vs photobatch 2 workers
 *             (full size, fit 1000×1000), the WebAssembly decode per photo alone, and JPEG XL's
 *             WebAssembly decode beside native djxl                                          ~1.5 min
 *   fidelity  the large photos, fast vs exact PSNR and walls in each size mode (fill, long edge,
 *             scale, with and without blur), 2 workers, this build only                   ~2 min
 * About 10 minutes in all (plus about half a minute the first time, to make the inputs);
 * `--rounds 1` takes about 4. On a loaded machine (load average 5–10) everything takes 2–3 times
 * as long. Every section runs alone too (`--only small`).
 *
 * Before/after in one go: `--baseline DIR` names a second checkout of the project whose CLI is
 * built (`npx tsc -p tsconfig.node.json` there; its node_modules may be a symlink to this one's).
 * Every photobatch row of large, small, memory and startup is then run with that build too, in
 * the same rounds, as "<row> (baseline)" beside "<row>", each build with its own scratch
 * database, and the targets are reported for both. That adds about 5 minutes (the photobatch
 * rows cost twice). The download section and the pipeline-alone row use this build only.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { SYSTEM_PYTHON } from './contenders.js';
import { cpuSource } from './measure.js';
import { builds, describeBuild, useBaseline } from './photobatch-cli.js';
import { printLines } from './report.js';
import { largePhotosSection } from './sections/large-photos.js';
import { smallFilesSection } from './sections/small-files.js';
import { engineMemorySection } from './sections/engine-memory.js';
import { downloadsSection } from './sections/downloads.js';
import { startUpSection } from './sections/start-up.js';
import { queueSection } from './sections/queue.js';
import { heicSection } from './sections/heic.js';
import { fidelitySection } from './sections/fidelity.js';

const SECTIONS: Record<string, (rounds: number) => Promise<void>> = {
  large: largePhotosSection,
  small: smallFilesSection,
  memory: engineMemorySection,
  download: downloadsSection,
  startup: startUpSection,
  queue: queueSection,
  heic: heicSection,
  fidelity: fidelitySection,
};

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim()
      .split('\n')[0]!;
  } catch {
    return 'missing';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      baseline: { type: 'string' },
    },
  });
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length) {
    process.stderr.write(
      `bench: unknown section ${unknown.join(', ')} (choose from ${Object.keys(SECTIONS).join(', ')})\n`,
    );
    process.exitCode = 2;
    return;
  }
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`bench: --rounds ${values.rounds}: want a whole number ≥ 1\n`);
    process.exitCode = 2;
    return;
  }
  if (values.baseline !== undefined) {
    try {
      useBaseline(values.baseline);
    } catch (error) {
      process.stderr.write(`bench: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
  }
  const started = Date.now();
  const cpus = os.cpus();
  printLines(
    '# Photobatch bench',
    `machine: ${cpus[0]?.model.trim()} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}; ${version(SYSTEM_PYTHON, ['-c', 'import sys, PIL; print("python", sys.version.split()[0], "Pillow", PIL.__version__)'])}; ${version('curl', ['--version'])}`,
    ...builds().map(describeBuild),
    `wall: spawn→exit. ${cpuSource()}.`,
    'peak RSS: Σ over the process tree of each process peak (VmHWM from /proc every 25 ms; as photobatch sums engine + workers);',
    'largest proc: the largest single process peak (wait4 maxrss). MiB = 2^20 bytes.',
    `sections: ${names.join(', ')}; rounds: ${rounds}; scratch database ${builds()
      .map((b) => b.db)
      .join(' and ')} (fresh each bench; try photobatch runs --db it)`,
  );
  for (const build of builds()) {
    for (const suffix of ['', '-wal', '-shm']) await rm(build.db + suffix, { force: true });
  }
  for (const name of names) {
    const t0 = Date.now();
    await SECTIONS[name]!(rounds);
    printLines(`(section ${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  printLines(
    `\nbench done in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
