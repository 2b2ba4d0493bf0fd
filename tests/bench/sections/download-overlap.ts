/**
 * Section 4c: does `download --process` overlap fetching with processing? The large photos
 * (LARGE_COUNT × 24 MP) at 250 ms latency: download alone, process alone, and both at once.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ItemRecord } from '../../../src/shared/records.js';
import { BENCH_DATA } from '../bench-data.js';
import {
  CONTENDER_HEADER,
  contenderCells,
  medianTrial,
  photobatch,
  photobatchProcess,
  runRounds,
  summarise,
} from '../contenders.js';
import { showRun } from '../photobatch-cli.js';
import { fixed, printLines, printTable, verdict } from '../report.js';
import { STAGE_HEADER, STAGE_NOTES, stageFigures, stageRow } from '../stages.js';
import { LATENCY_MS } from './latency-server-process.js';
import type { Server } from './latency-server-process.js';

const PROCESS_OP = ['--blur', '15', '--fit', '1000x1000', '--workers', '2'];

/** Runs the three, `rounds` times interleaved, and prints their tables. */
export async function overlapTables(
  server: Server,
  photosDir: string,
  count: number,
  rounds: number,
): Promise<void> {
  const urls = Array.from(
    { length: count },
    (_, i) => `${server.origin}/photo/${i}/photo-${String(i).padStart(2, '0')}.jpg`,
  );
  const urlsFile = join(BENCH_DATA, 'download-photos.txt');
  await writeFile(urlsFile, urls.join('\n') + '\n');
  const DOWNLOAD = 'download alone';
  const PROCESS = 'process alone (the same photos from disk)';
  const BOTH = 'download --process';
  const contenders = [
    photobatch(DOWNLOAD, (out) => ['download', urlsFile, '--out', out]),
    photobatchProcess(PROCESS, [photosDir], PROCESS_OP),
    photobatch(BOTH, (out) => ['download', urlsFile, '--out', out, '--process', ...PROCESS_OP]),
  ];
  const trials = await runRounds('download-process', contenders, rounds);
  const s = (name: string) => summarise(trials.get(name)!);
  const d = s(DOWNLOAD).wallS;
  const p = s(PROCESS).wallS;
  const b = s(BOTH).wallS;
  printTable(
    `4c. Download → process: ${count} × 24 MP photos at ${LATENCY_MS} ms latency, default concurrency; process = blur 15, fit 1000×1000, default pipeline, 2 workers; median of ${rounds}`,
    CONTENDER_HEADER,
    contenders.map((c) => contenderCells(c.name, s(c.name), count)),
    [`sum of the two alone: ${fixed(d + p)} s; larger of the two: ${fixed(Math.max(d, p))} s`],
  );
  const both = medianTrial(trials.get(BOTH)!);
  const alone = medianTrial(trials.get(PROCESS)!);
  if (both.runId !== null && alone.runId !== null) {
    const bothRun = await showRun(both.runId);
    const aloneRun = await showRun(alone.runId);
    printTable(
      '4d. Download → process: where the processing time went (median runs)',
      STAGE_HEADER,
      [
        stageRow(`${PROCESS} (run ${alone.runId})`, stageFigures(aloneRun.run, aloneRun.items)),
        stageRow(`${BOTH} (run ${both.runId})`, stageFigures(bothRun.run, bothRun.items)),
      ],
      STAGE_NOTES,
    );
    printLines(timeline(bothRun.items, aloneRun.items));
  }
  const toMax = b / Math.max(d, p);
  printLines(
    `target: download --process within 1.2x of the larger of the two alone: ${toMax.toFixed(2)}x — ${verdict(toMax <= 1.2)} ` +
      `(overlap saves ${fixed(d + p - b)} s of ${fixed(d + p)} s)`,
  );
}

/** When downloads ended in the download --process run, and how processing was spread. */
function timeline(items: ItemRecord[], aloneItems: ItemRecord[]): string {
  const lastDownload = Math.max(...items.map((i) => i.download?.endMs ?? 0));
  const processed = items.filter(
    (i) => i.status === 'ok' && i.startMs !== null && i.endMs !== null,
  );
  const during = processed.filter((i) => i.startMs! < lastDownload);
  const after = processed.filter((i) => i.startMs! >= lastDownload);
  const mean = (list: ItemRecord[]) =>
    list.length ? list.reduce((sum, i) => sum + i.endMs! - i.startMs!, 0) / list.length : NaN;
  const alone = mean(aloneItems.filter((i) => i.status === 'ok'));
  return (
    `download --process timeline (its record): downloads done at ${fixed(lastDownload / 1000)} s; processing from ` +
    `${fixed(Math.min(...processed.map((i) => i.startMs!)) / 1000)} to ${fixed(Math.max(...processed.map((i) => i.endMs!)) / 1000)} s; ` +
    `ms per image (dispatch→result): ${fixed(mean(during), 0)} while downloading (${during.length} images), ` +
    `${fixed(mean(after), 0)} after (${after.length}), ${fixed(alone, 0)} in process alone.`
  );
}
