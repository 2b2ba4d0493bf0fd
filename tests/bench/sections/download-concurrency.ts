/**
 * Section 4a: 100 small files at 250 ms latency each, at concurrency 1, 4, 16 and 64: photobatch
 * against the ideal ceil(100/c) × 250 ms, curl --parallel and the tutorial's Python downloader.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DATA, freshDir, PROJECT } from '../bench-data.js';
import { SYSTEM_PYTHON } from '../contenders.js';
import { measure } from '../measure.js';
import type { Measured } from '../measure.js';
import { runPhotobatch } from '../photobatch-cli.js';
import { fixed, printTable, ratio, verdict } from '../report.js';
import { LATENCY_MS } from './latency-server-process.js';
import type { Server } from './latency-server-process.js';

const URLS = 100;
const LEVELS = [1, 4, 16, 64];

/** One downloader's run: wall and the concurrency the server saw. */
interface Fetched {
  measured: Measured;
  /** The wall the run recorded itself (photobatch only): without node start-up and module loading. */
  selfWallS: number | null;
  maxInFlight: number;
  problem: string | null;
}

function problemOf(measured: Measured): string | null {
  return measured.code === 0
    ? null
    : `exit ${measured.code}: ${measured.stderr.trim().split('\n').pop() ?? ''}`;
}

/** Runs the concurrency levels and prints their tables. */
export async function concurrencyTables(server: Server): Promise<void> {
  const urls = Array.from(
    { length: URLS },
    (_, i) => `${server.origin}/small/img-${String(i).padStart(3, '0')}.jpg`,
  );
  const urlsFile = join(BENCH_DATA, 'download-urls.txt');
  const curlConfig = join(BENCH_DATA, 'download-urls.curl');
  await writeFile(urlsFile, urls.join('\n') + '\n');
  await writeFile(curlConfig, urls.map((u) => `url = "${u}"`).join('\n') + '\n');

  const downloaders: { name: string; run: (c: number, out: string) => Promise<Fetched> }[] = [
    {
      name: 'photobatch',
      async run(c, out) {
        const r = await runPhotobatch([
          'download',
          urlsFile,
          '--out',
          out,
          '--concurrency',
          String(c),
          '--label',
          `bench: download c=${c}`,
        ]);
        const selfWallS = r.summary?.wallMs == null ? null : r.summary.wallMs / 1000;
        return {
          measured: r.measured,
          selfWallS,
          maxInFlight: await server.maxInFlight(),
          problem: r.problem,
        };
      },
    },
    {
      name: 'curl',
      async run(c, out) {
        const measured = await measure('curl', [
          '--parallel',
          '--parallel-max',
          String(c),
          '--silent',
          '--show-error',
          '--fail',
          '--output-dir',
          out,
          '--remote-name-all',
          '--config',
          curlConfig,
        ]);
        return {
          measured,
          selfWallS: null,
          maxInFlight: await server.maxInFlight(),
          problem: problemOf(measured),
        };
      },
    },
    {
      name: 'Python threads',
      async run(c, out) {
        const measured = await measure(SYSTEM_PYTHON, [
          join(PROJECT, 'tests', 'bench', 'peers', 'urllib_downloader.py'),
          urlsFile,
          out,
          String(c),
        ]);
        return {
          measured,
          selfWallS: null,
          maxInFlight: await server.maxInFlight(),
          problem: problemOf(measured),
        };
      },
    },
  ];

  const rows: string[][] = [];
  const at16: Record<string, number> = {};
  for (const c of LEVELS) {
    const ideal = (Math.ceil(URLS / c) * LATENCY_MS) / 1000;
    const results: Record<string, Fetched> = {};
    for (const d of downloaders) {
      process.stderr.write(`bench: download c=${c}: ${d.name}… `);
      await server.maxInFlight(); // reset
      results[d.name] = await d.run(
        c,
        await freshDir('download', `c${c}-${d.name.replace(/\W+/g, '-')}`),
      );
      process.stderr.write(`${results[d.name]!.measured.wallS.toFixed(2)} s\n`);
    }
    const wall = (name: string) => results[name]!.measured.wallS;
    if (c === 16) for (const d of downloaders) at16[d.name] = wall(d.name);
    const cell = (name: string) => {
      const r = results[name]!;
      return r.problem ? `${fixed(r.measured.wallS)} [${r.problem}]` : fixed(r.measured.wallS);
    };
    rows.push([
      String(c),
      fixed(ideal),
      cell('photobatch'),
      fixed(results['photobatch']!.selfWallS),
      cell('curl'),
      cell('Python threads'),
      ratio(wall('photobatch'), ideal),
      ratio(wall('photobatch'), wall('curl')),
      ratio(wall('photobatch'), wall('Python threads')),
      results['photobatch']!.maxInFlight +
        '/' +
        results['curl']!.maxInFlight +
        '/' +
        results['Python threads']!.maxInFlight,
      fixed(results['photobatch']!.measured.cpuS),
    ]);
  }
  printTable(
    `4. Downloads: ${URLS} URLs (640×480 JPEG each), ${LATENCY_MS} ms latency per request, local server in its own process`,
    [
      'concurrency',
      'ideal s',
      'photobatch s',
      'pb self s',
      'curl s',
      'Python s',
      'pb/ideal',
      'pb/curl',
      'pb/Python',
      'max in flight pb/curl/py',
      'pb CPU s',
    ],
    rows,
    [
      'ideal = ceil(100/c) × 250 ms. Walls include each tool start-up; pb self = the wall photobatch recorded for',
      'the run itself (from the store opening to the run end, without node start-up and module loading).',
      'curl: --parallel --parallel-max c; Python: ThreadPoolExecutor(c) + urllib.request (tests/bench/peers). 1 run each.',
      'max in flight: the most requests the server had open at once during that run.',
    ],
  );
  const toIdeal = at16['photobatch']! / ((Math.ceil(URLS / 16) * LATENCY_MS) / 1000);
  const toCurl = at16['photobatch']! / at16['curl']!;
  printTable(
    '4b. Downloads: targets at concurrency 16 (reported, not asserted)',
    ['target', 'figure', 'verdict'],
    [
      ['within 1.2x of ideal', `${toIdeal.toFixed(2)}x`, verdict(toIdeal <= 1.2)],
      ['within 1.1x of curl', `${toCurl.toFixed(2)}x`, verdict(toCurl <= 1.1)],
    ],
  );
}
