/**
 * One URL from start to saved file: attempts with backoff, the content check (the bytes must be
 * an image the workers can decode), a name from the URL, and the move from the temp file into
 * place. Whatever happens, no partial or rejected file is left behind under any name.
 */
import { unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_DOWNLOAD_SETTINGS, minSpeedWindowMs } from '../../shared/settings.js';
import type { DownloadSettings, ExistingMode } from '../../shared/settings.js';
import { describeFsError, fsErrorCode } from '../fs-error-words.js';
import { isReadableFormat, sniffBytes } from '../../media/sniff-image.js';
import type { ReadableFormat } from '../../media/sniff-image.js';
import { DownloadCancelledError, DownloadError, formatSeconds } from './download-errors.js';
import { chooseDownloadName } from './download-file-name.js';
import type { DownloadFolder, SaveOutcome } from './download-folder.js';
import { fetchAttempt } from './fetch-attempt.js';
import type { AttemptSuccess } from './fetch-attempt.js';
import { retryDelayMs, sleep } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

/** The User-Agent we send: honest, so server operators can tell who is asking. */
export const USER_AGENT = 'photobatch/0.1';

/** What fetching one URL needs. */
export interface FetchToFileOptions {
  /** Normalised URL (see parseUrlList). */
  url: string;
  folder: DownloadFolder;
  /** Temp file inside the folder (same file system, so the final move is a rename). */
  tempPath: string;
  settings: Pick<
    DownloadSettings,
    'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'maxTimeMs' | 'minSpeed' | 'existing'
  >;
  policy: RetryPolicy;
  /** The run's cancel signal. */
  signal: AbortSignal;
  /** undici dispatcher with the run's connect timeout (connect-dispatcher.ts). */
  dispatcher?: object;
  /** Used for the name when neither the headers nor the URL give one: `download-<n>`. */
  fallbackNumber: number;
  /** Called as each attempt starts (1 for the first). */
  onAttempt?: (attempt: number) => void;
  /** Called when an attempt's final response headers arrive, with the declared length if any. */
  onFirstByte?: (httpStatus: number, expectedBytes: number | null) => void;
  /** Body bytes of the current attempt so far. */
  onBytes?: (bytes: number) => void;
}

/** How fetching one URL ended. Cancellation is thrown (DownloadCancelledError), not returned. */
export type FetchToFileResult =
  | {
      ok: true;
      savedPath: string;
      format: ReadableFormat;
      finalUrl: string;
      httpStatus: number;
      bytes: number;
      attempts: number;
    }
  | {
      ok: false;
      error: string;
      /** Not a failure: a file of that name was kept (`--existing skip`); `error` says which. */
      skipped?: boolean;
      finalUrl: string | null;
      httpStatus: number | null;
      bytes: number | null;
      attempts: number;
    };

/** Downloads one URL into the folder, or explains in words why it could not. */
export async function fetchToFile(options: FetchToFileOptions): Promise<FetchToFileResult> {
  const { url, policy, signal } = options;
  const settings = { ...DEFAULT_DOWNLOAD_SETTINGS, ...withoutUndefined(options.settings) };
  // --max-time covers every attempt and the waits between them, so no server can stretch it.
  const deadline = new AbortController();
  const deadlineAt = Date.now() + settings.maxTimeMs!;
  const deadlineTimer = setTimeout(() => deadline.abort(), settings.maxTimeMs);
  const deadlineWords = `the download took longer than ${formatSeconds(settings.maxTimeMs!)} (--max-time)`;
  let attempts = 0;
  let slowAttempts = 0;
  try {
    for (;;) {
      attempts += 1;
      options.onAttempt?.(attempts);
      let got: AttemptSuccess;
      try {
        got = await fetchAttempt({
          url,
          tempPath: options.tempPath,
          timeoutMs: settings.timeoutMs,
          maxBytes: settings.maxBytes,
          maxRedirects: settings.maxRedirects,
          signal,
          deadline: deadline.signal,
          deadlineWords,
          minSpeed: settings.minSpeed,
          speedWindowMs: minSpeedWindowMs(settings.timeoutMs),
          dispatcher: options.dispatcher,
          userAgent: USER_AGENT,
          onFirstByte: options.onFirstByte,
          onBytes: options.onBytes,
        });
      } catch (error) {
        if (!(error instanceof DownloadError)) throw error;
        // A too-slow server is tried once more (it may have been a bad moment), not every retry.
        if (error.details.tooSlow) slowAttempts += 1;
        const retry =
          slowAttempts >= 2
            ? 'give-up'
            : await waitBeforeRetry(url, error, attempts, policy, signal, deadlineAt);
        if (retry === 'give-up') return failure(error, attempts, policy);
        if (retry === 'no-time') {
          error.message += `; no time was left for another attempt within ${formatSeconds(settings.maxTimeMs!)} (--max-time)`;
          return failure(error, attempts, policy);
        }
        continue;
      }
      return await checkAndSave(options, settings.existing!, got, attempts);
    }
  } finally {
    clearTimeout(deadlineTimer);
    // On success the temp is already renamed away; otherwise nothing of it may stay.
    await removeQuietly(options.tempPath);
  }
}

/** The settings given, without keys set to undefined (which would hide the defaults). */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Sleeps before the next attempt, or says to give up (not retryable, or out of retries). */
async function waitBeforeRetry(
  url: string,
  error: DownloadError,
  attempts: number,
  policy: RetryPolicy,
  signal: AbortSignal,
  deadlineAt: number,
): Promise<'retry' | 'give-up' | 'no-time'> {
  const { retryable, retryAfterMs = null } = error.details;
  if (!retryable || attempts > policy.retries) return 'give-up';
  if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) return 'give-up';
  const delay = retryDelayMs(attempts, policy, retryAfterMs);
  if (Date.now() + delay >= deadlineAt) return 'no-time';
  await sleep(delay, signal);
  if (signal.aborted) throw new DownloadCancelledError(url);
  return 'retry';
}

function failure(error: DownloadError, attempts: number, policy: RetryPolicy): FetchToFileResult {
  const { retryAfterMs = null, retryable } = error.details;
  let message = error.message;
  if (retryable && retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) {
    message += `; it asked to wait ${formatSeconds(retryAfterMs)} before trying again, longer than this app waits`;
  } else if (attempts > 1) {
    message += ` (gave up after ${attempts} attempts)`;
  }
  return {
    ok: false,
    error: message,
    finalUrl: error.details.finalUrl ?? null,
    httpStatus: error.details.httpStatus ?? null,
    bytes: null,
    attempts,
  };
}

/** The content check, then the move into place under a unique name. */
async function checkAndSave(
  options: FetchToFileOptions,
  existing: ExistingMode,
  got: AttemptSuccess,
  attempts: number,
): Promise<FetchToFileResult> {
  const { url } = options;
  const sniffed = sniffBytes(got.head);
  const base = { finalUrl: got.finalUrl, httpStatus: got.httpStatus, bytes: got.bytes, attempts };
  if (sniffed.kind !== 'image' || !isReadableFormat(sniffed.format)) {
    const servedAs = got.contentType ? ` (served as ${got.contentType.split(';')[0]!.trim()})` : '';
    const error =
      sniffed.kind === 'unreadable-image'
        ? `${url}: the server sent ${sniffed.what}${servedAs}, which this app cannot read`
        : `${url}: the server sent ${sniffed.what}${servedAs}, not an image`;
    return { ok: false, error, ...base };
  }
  const name = chooseDownloadName({
    url,
    finalUrl: got.finalUrl,
    contentDisposition: got.contentDisposition,
    format: sniffed.format,
    fallbackNumber: options.fallbackNumber,
  });
  let saved: SaveOutcome;
  try {
    saved = await options.folder.saveAs(options.tempPath, name, existing);
  } catch (error) {
    const words = fsErrorCode(error) === 'ENOSPC' ? 'the disk is full' : describeFsError(error);
    return { ok: false, error: `${url}: could not save it as ${name}: ${words}`, ...base };
  }
  if (!saved.saved) return { ok: false, skipped: true, error: keptWords(url, saved.path), ...base };
  return { ok: true, savedPath: saved.path, format: sniffed.format, ...base };
}

/** Why a download was dropped for a file already in the folder (`--existing skip`). */
export function keptWords(url: string, path: string): string {
  return `${url}: ${basename(path)} is already in the folder, kept (--existing skip)`;
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') throw error;
  }
}
