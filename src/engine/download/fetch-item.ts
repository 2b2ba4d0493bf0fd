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
import { nameFromUrl } from './download-file-name.js';
import type { DownloadFolder } from './download-folder.js';
import { withoutUrl } from './download-items.js';
import type { Job } from './download-items.js';
import { fetchToFile } from './fetch-to-file.js';
import type { FetchToFileResult } from './fetch-to-file.js';
import type { RetryPolicy } from './retry-policy.js';

/** What every fetch of a run shares. */
export interface FetchContext {
  scope: RunScope;
  folder: DownloadFolder;
  settings: DownloadSettings;
  policy: RetryPolicy;
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
  const { scope, folder, settings, policy } = context;
  const { recorder, clock } = scope;
  const { seq } = job.record;
  const startMs = clock.now();
  recorder.updateItem({ seq, download: { startMs } });
  let firstByteMs: number | null = null;
  let attempts = 0;
  let result: FetchToFileResult;
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
      fallbackNumber: seq + 1,
      onAttempt: (n) => {
        attempts = n;
        firstByteMs = null;
      },
      onFirstByte: () => {
        firstByteMs = clock.now();
      },
    });
  } catch (error) {
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
      status: 'failed',
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
