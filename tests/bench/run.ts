/**
 * `npm run bench [-- --only large,small,memory,download] [--rounds N]`
 *
 * Photobatch's benchmark: figures and ratios printed, never asserted, and never part of
 * `npm test`. Input sets are made once under .bench-data/ and reused. Sections:
 *   large     20 × 24 MP photos: Pillow (tutorial), plain sharp, photobatch exact/fast × 1/2 workers
 *   small     2,000 × 640×480 JPEGs: photobatch vs plain sharp and its own pipeline alone (overhead)
 *   memory    engine peak RSS at 2,000 vs 20,000 tiny images
 *   download  100 URLs at 250 ms latency vs ideal, curl and Python; download --process overlap
 * Sizes are chosen for a 2-core machine: the whole bench takes about 7 minutes there (plus about
 * half a minute the first time, to make the inputs); `--rounds 1` takes about 4. Every section
 * runs alone too (`--only small`). Tables show medians over the rounds, which run interleaved.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { SYSTEM_PYTHON } from './contenders.js';
import { cpuSource } from './measure.js';
import { BENCH_DB, describeBuild } from './photobatch-cli.js';
import { printLines } from './report.js';
import { largePhotosSection } from './sections/large-photos.js';
import { smallFilesSection } from './sections/small-files.js';
import { engineMemorySection } from './sections/engine-memory.js';
import { downloadsSection } from './sections/downloads.js';

const SECTIONS: Record<string, (rounds: number) => Promise<void>> = {
  large: largePhotosSection,
  small: smallFilesSection,
  memory: engineMemorySection,
  download: downloadsSection,
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
    options: { only: { type: 'string' }, rounds: { type: 'string', default: '3' } },
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
  const started = Date.now();
  const cpus = os.cpus();
  printLines(
    '# Photobatch bench',
    `machine: ${cpus[0]?.model.trim()} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}; ${version(SYSTEM_PYTHON, ['-c', 'import sys, PIL; print("python", sys.version.split()[0], "Pillow", PIL.__version__)'])}; ${version('curl', ['--version'])}`,
    describeBuild(),
    `wall: spawn→exit. ${cpuSource()}.`,
    'peak RSS: Σ over the process tree of each process peak (VmHWM from /proc every 25 ms; as photobatch sums engine + workers);',
    'largest proc: the largest single process peak (wait4 maxrss). MiB = 2^20 bytes.',
    `sections: ${names.join(', ')}; rounds: ${rounds}; scratch database ${BENCH_DB} (fresh each bench; try photobatch runs --db it)`,
  );
  for (const suffix of ['', '-wal', '-shm']) await rm(BENCH_DB + suffix, { force: true });
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
