/**
 * One listed URL fetched and recorded: its download timings (queued, started, first byte, end),
 * then ok, failed in words, or — with processing — saved and handed on. Cancellation leaves the
 * item pending with what is known, as a cancelled process run leaves its unfinished images.
 */
import { join } from 'node:path';
import type { DownloadTimings } from '../../shared/records.js';
import type { DownloadSettings } from '../../shared/settings.js';
import type { RunScope } from '../run-lifecycle.js';
import { tempPathFor } from '../temp-names.js';
import { DownloadCancelledError } from './download-errors.js';
import { nameFromUrl, nameKnownFromUrl } from './download-file-name.js';
import type { DownloadFolder } from './download-folder.js';
import { withoutUrl } from './download-items.js';
import type { Job } from './download-items.js';
import { fetchToFile, keptWords } from './fetch-to-file.js';
import type { FetchToFileResult } from './fetch-to-file.js';
import type { LiveBytes } from './live-bytes.js';
import type { RetryPolicy } from './retry-policy.js';

/** What every fetch of a run shares. */
export interface FetchContext {
  scope: RunScope;
  folder: DownloadFolder;
  settings: DownloadSettings;
  policy: RetryPolicy;
  /** Bytes as they arrive, for `download:progress`. */
  live: LiveBytes;
  /** The run's connection pool (connect timeout), see connect-dispatcher.ts. */
  dispatcher?: object;
}

/** A file saved and checked (an image the workers can decode), to process or to count as done. */
export type SavedFile = Extract<FetchToFileResult, { ok: true }>;

/**
 * Fetches `job` and records how it went. Resolves with the saved file when there is one and the
 * item is left open (`keepOpen`, for processing); otherwise the item is finished here.
 */
export async function fetchItem(
  job: Job,
  context: FetchContext,
  keepOpen: boolean,
): Promise<SavedFile | null> {
  const { scope, folder, settings, policy, live } = context;
  const { recorder, clock } = scope;
  const { seq } = job.record;
  const startMs = clock.now();
  if (await keptWithoutRequest(job, context)) return null;
  recorder.updateItem({ seq, download: { startMs } });
  let firstByteMs: number | null = null;
  let attempts = 0;
  let result: FetchToFileResult;
  let savedBytes = 0;
  try {
    result = await fetchToFile({
      url: job.url,
      folder,
      tempPath: tempPathFor(
        join(folder.dir, nameFromUrl(job.url) ?? 'download'),
        scope.run.id,
        seq,
      ),
      settings,
      policy,
      signal: scope.signal,
      dispatcher: context.dispatcher,
      fallbackNumber: seq + 1,
      onAttempt: (n) => {
        attempts = n;
        firstByteMs = null;
        live.attempt(seq, job.url, n);
      },
      onFirstByte: (_status, expectedBytes) => {
        firstByteMs = clock.now();
        live.expect(seq, expectedBytes);
      },
      onBytes: (bytes) => live.bytes(seq, bytes),
    });
    if (result.ok) savedBytes = result.bytes;
  } catch (error) {
    live.end(seq, 0);
    const download = { attempts, firstByteMs, endMs: clock.now() };
    if (error instanceof DownloadCancelledError) {
      recorder.updateItem({ seq, download });
      return null;
    }
    // Not the URL's fault (e.g. the temp file could not be removed): this item fails, the run
    // goes on, and the message says what happened.
    const why = error instanceof Error ? error.message : String(error);
    recorder.finishItem({
      seq,
      status: 'failed',
      error: `could not be downloaded: ${why}`,
      download,
    });
    return null;
  }
  live.end(seq, savedBytes);
  const download: Partial<DownloadTimings> = {
    savedPath: result.ok ? result.savedPath : null,
    finalUrl: result.finalUrl,
    httpStatus: result.httpStatus,
    attempts: result.attempts,
    bytes: result.bytes,
    firstByteMs,
    endMs: clock.now(),
  };
  if (!result.ok) {
    recorder.finishItem({
      seq,
      status: result.skipped ? 'skipped' : 'failed',
      error: withoutUrl(result.error, job.url),
      download,
    });
    return null;
  }
  if (!keepOpen) {
    recorder.finishItem({
      seq,
      status: 'ok',
      output: result.savedPath,
      bytesIn: result.bytes,
      download,
    });
    return null;
  }
  // Queued for processing now; the fetcher moves on to the next URL at once.
  recorder.updateItem({ seq, bytesIn: result.bytes, queuedMs: clock.now(), download });
  return result;
}

/**
 * `--existing skip` when the URL alone gives the name and a file of that name was in the folder
 * before this run: the item is skipped without a request. True when it was.
 */
async function keptWithoutRequest(job: Job, context: FetchContext): Promise<boolean> {
  if (context.settings.existing !== 'skip') return false;
  const name = nameKnownFromUrl(job.url);
  const kept = name ? await context.folder.keptFile(name) : null;
  if (!kept) return false;
  context.scope.recorder.finishItem({
    seq: job.record.seq,
    status: 'skipped',
    error: withoutUrl(keptWords(job.url, kept), job.url),
    download: { attempts: 0, endMs: context.scope.clock.now() },
  });
  return true;
}
