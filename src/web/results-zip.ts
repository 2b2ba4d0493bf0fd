/**
 * A run's outputs as one zip, streamed to the browser with yazl: every ok output under its path
 * in the output folder, stored (photos are compressed already). Nothing is buffered: entries are
 * confined (src/engine/run-files.ts) and added a few ahead of what the zip is reading, the zip is
 * piped into the response (so a slow client slows the reading), and a client that goes away
 * stops it: no more files are opened and the one being read is closed.
 */
import { createReadStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { ItemRecord, RunRecord } from '../shared/records.js';
import { resolveItemFile } from '../engine/run-files.js';

/** Entries resolved ahead of the one being read. */
const AHEAD = 8;

/** What a finished (or stopped) zip did, for tests and logs. */
export interface ZipOutcome {
  /** Entries written (or begun, when stopped). */
  entries: number;
  /** Outputs left out because they are gone or no longer inside the output folder. */
  leftOut: number;
  /** True when the client went away before the end. */
  stopped: boolean;
}

/** The zip's file name: "photobatch-run-12.zip". */
export function resultsZipName(runId: number): string {
  return `photobatch-run-${runId}.zip`;
}

/**
 * Streams the zip of `run`'s ok outputs into `res` (headers included). Resolves when the zip is
 * complete or the client has gone; never rejects.
 */
export function streamResultsZip(
  res: ServerResponse,
  run: RunRecord,
  items: readonly ItemRecord[],
): Promise<ZipOutcome> {
  const zip = new ZipFile();
  const outcome: ZipOutcome = { entries: 0, leftOut: 0, stopped: false };
  let reading: ReadStream | null = null;
  let added = 0;
  let started = 0;
  let wake: (() => void) | null = null;
  const nudge = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  return new Promise<ZipOutcome>((resolve) => {
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const stop = () => {
      outcome.stopped = true;
      reading?.destroy();
      zip.outputStream.unpipe(res);
      (zip.outputStream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      nudge();
      settle();
    };
    res.on('close', () => {
      if (!res.writableFinished) stop();
    });
    res.on('finish', settle);
    zip.on('error', () => {
      // A file that vanished mid-read: the archive cannot be completed honestly; cut it off so
      // the browser reports a failed download rather than saving a truncated zip as good.
      stop();
      res.destroy();
    });

    res.writeHead(200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${resultsZipName(run.id)}"`,
      'Cache-Control': 'no-store',
    });
    zip.outputStream.pipe(res);

    void (async () => {
      for (const item of items) {
        while (!outcome.stopped && added - started >= AHEAD) {
          await new Promise<void>((w) => (wake = w));
        }
        if (outcome.stopped) return;
        const file = await resolveItemFile(run, item, 'output');
        if (outcome.stopped) return;
        if (!file.ok) {
          outcome.leftOut += 1;
          continue;
        }
        added += 1;
        const name = file.relativePath.split(path.sep).join('/');
        zip.addReadStreamLazy(name, { compress: false, mtime: new Date(file.mtimeMs) }, (cb) => {
          started += 1;
          outcome.entries += 1;
          nudge();
          reading = createReadStream(file.path);
          cb(null, reading);
        });
      }
      if (!outcome.stopped) zip.end();
    })().catch(() => {
      stop();
      res.destroy();
    });
  });
}
