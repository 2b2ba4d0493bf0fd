/**
 * Section: iPhone photos. HEIC_COUNT 12 MP HEICs (Display P3, heif-enc q80) to JPEG q80 at full
 * size and fitted to 1000×1000: libheif's native heif-convert (the Linux user's tool) one at a
 * time and two at once, beside photobatch with 2 workers (libheif in WebAssembly in each worker).
 * Also the WebAssembly decode alone, per photo, in this process, and JPEG XL's (libjxl in
 * WebAssembly, the worker's decoder) beside native djxl.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEIC, heicPhotos, jxlPhotos } from '../bench-data.js';
import {
  CONTENDER_HEADER,
  contenderCells,
  peer,
  perBuild,
  photobatchProcess,
  runRounds,
  summarise,
} from '../contenders.js';
import { fixed, median, printLines, printTable, ratio } from '../report.js';
import { decodeHeif } from '../../../src/worker/decode-heif.js';
import { decodeJxl } from '../../../src/worker/decode-jxl.js';

const NATIVE_SEQ = 'heif-convert (native libheif), sequential';
const NATIVE_PAIR = 'heif-convert (native libheif), 2 at once';

/** Runs the HEIC section and prints its table. */
export async function heicSection(rounds: number): Promise<void> {
  const { dir, files } = await heicPhotos();
  const contenders = [
    peer(NATIVE_SEQ, '/bin/sh', 'heif-convert.sh', (out) => ['sequential', out, ...files]),
    peer(NATIVE_PAIR, '/bin/sh', 'heif-convert.sh', (out) => ['2', out, ...files]),
    ...perBuild((build) => [
      photobatchProcess(
        'photobatch, 2 workers, full size',
        [dir],
        ['--workers', '2', '--format', 'jpeg', '--quality', '80'],
        build,
      ),
      photobatchProcess(
        'photobatch, 2 workers, fit 1000×1000',
        [dir],
        ['--workers', '2', '--fit', '1000x1000', '--format', 'jpeg', '--quality', '80'],
        build,
      ),
    ]),
  ];
  const trials = await runRounds('heic', contenders, rounds);
  const s = (name: string) => summarise(trials.get(name)!);
  const n = files.length;
  printTable(
    `HEIC. ${n} × 12 MP iPhone-like HEIC (${HEIC.width}×${HEIC.height}, Display P3, heif-enc q${HEIC.quality}) → JPEG q80; median of ${rounds}`,
    [...CONTENDER_HEADER, 'vs heif-convert seq'],
    contenders.map((c) => [
      ...contenderCells(c.name, s(c.name), n),
      ratio(s(NATIVE_SEQ).wallS, s(c.name).wallS),
    ]),
    [
      'heif-convert: native libheif + libde265, no resize, colours as stored (no P3 → sRGB conversion).',
      'photobatch: the real CLI; each worker decodes with libheif-js (WebAssembly), converts P3 to sRGB and keeps the date.',
    ],
  );
  // The WebAssembly decode alone: the first call loads the module, so it is left out.
  const bytes = await readFile(files[0]!);
  await decodeHeif(bytes, false);
  const times: number[] = [];
  for (let i = 0; i < Math.max(3, rounds); i++) {
    const t0 = performance.now();
    await decodeHeif(bytes, false);
    times.push(performance.now() - t0);
  }
  printLines(
    `HEIC decode in WebAssembly (libheif-js), one 12 MP photo into a PNG sharp reads, in this process: median ${fixed(median(times), 0)} ms ` +
      `(min ${fixed(Math.min(...times), 0)} ms) over ${times.length} decodes; heif-convert's whole job per photo, sequential: ` +
      `${fixed((s(NATIVE_SEQ).wallS * 1000) / n, 0)} ms.`,
  );
  await jxlDecodeLine(rounds);
}

/** JPEG XL: libjxl in WebAssembly (the worker's decoder) beside native djxl, one 12 MP photo. */
async function jxlDecodeLine(rounds: number): Promise<void> {
  const { files } = await jxlPhotos();
  const bytes = await readFile(files[0]!);
  await decodeJxl(bytes, false);
  const wasm: number[] = [];
  const native: number[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'photobatch-djxl-'));
  try {
    for (let i = 0; i < Math.max(3, rounds); i++) {
      let t0 = performance.now();
      await decodeJxl(bytes, false);
      wasm.push(performance.now() - t0);
      t0 = performance.now();
      execFileSync('djxl', [files[0]!, join(scratch, 'out.png'), '--quiet'], { stdio: 'ignore' });
      native.push(performance.now() - t0);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  printLines(
    `JPEG XL decode in WebAssembly (@jsquash/jxl, libjxl), one 12 MP photo into a PNG sharp reads: median ${fixed(median(wasm), 0)} ms ` +
      `over ${wasm.length} decodes; native djxl to PNG (its own threads): median ${fixed(median(native), 0)} ms (${ratio(median(wasm), median(native))} faster).`,
  );
}
