/**
 * One attempt at one URL with Node's own fetch (undici): redirects followed by hand so they can
 * be counted and loops caught, the body streamed to a temp file while its bytes are counted, one
 * inactivity timer that covers connecting, waiting for the answer and a stalled body, and a
 * lowest-speed check for a body that trickles. Every wait on the network is raced against the
 * attempt's abort (abortable.ts), so cancel and every deadline end the attempt at once even when
 * undici leaves a read hanging.
 */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeFsError, fsErrorCode } from '../fs-error-words.js';
import {
  DownloadCancelledError,
  DownloadError,
  describeStatus,
  formatBytes,
  formatSeconds,
  networkError,
} from './download-errors.js';
import { AbortedWait, abortable, discardBody, discardReader } from './abortable.js';
import { createImageEndCheck } from '../../media/image-end.js';
import { isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import { SpeedWatch, formatSpeed } from './speed-watch.js';
import type { TooSlow } from './speed-watch.js';

/** Bytes kept from the start of the body for the content check (magic numbers, SVG/HTML sniffing). */
export const HEAD_BYTES = 4096;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What one attempt needs. */
export interface AttemptOptions {
  /** The URL as the user listed it (normalised); every message names it. */
  url: string;
  /** Written from scratch (truncated) by every attempt; the caller removes it on failure. */
  tempPath: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** The run's cancel signal. */
  signal: AbortSignal;
  /** Aborts when the whole download's time (--max-time) is up. */
  deadline?: AbortSignal;
  /** How the deadline is said when it ends this attempt ("took longer than 300 s (--max-time)"). */
  deadlineWords?: string;
  /** Lowest speed in bytes per second over `speedWindowMs` (0 or absent: no check). */
  minSpeed?: number;
  speedWindowMs?: number;
  /** undici dispatcher for fetch (the run's connect timeout), see connect-dispatcher.ts. */
  dispatcher?: object;
  userAgent: string;
  /** Called when the final response's headers arrive (time to first byte), with its length if declared. */
  onFirstByte?: (httpStatus: number, expectedBytes: number | null) => void;
  /** Called as body bytes arrive, with this attempt's running total. */
  onBytes?: (bytes: number) => void;
}

/** A body fully saved to the temp file (not yet checked to be an image). */
export interface AttemptSuccess {
  finalUrl: string;
  httpStatus: number;
  bytes: number;
  /** The first HEAD_BYTES of the body. */
  head: Buffer;
  contentType: string | null;
  contentDisposition: string | null;
}

type StopReason = 'cancelled' | 'no-answer' | 'stalled' | 'too-slow' | 'deadline' | null;

/** How often the lowest-speed check samples the byte count. */
const SPEED_SAMPLE_MS = 1000;

/**
 * Fetches `options.url` into `options.tempPath`. Resolves when the whole body is on disk; throws a
 * DownloadError (with `retryable`) or a DownloadCancelledError.
 */
export async function fetchAttempt(options: AttemptOptions): Promise<AttemptSuccess> {
  const { url, timeoutMs } = options;
  const controller = new AbortController();
  let stop: StopReason = null;
  let timer: NodeJS.Timeout | undefined;
  let speedTimer: NodeJS.Timeout | undefined;
  let tooSlow: TooSlow | null = null;
  const abort = (reason: Exclude<StopReason, null>): void => {
    stop ??= reason;
    controller.abort();
  };
  const arm = (reason: 'no-answer' | 'stalled'): void => {
    clearTimeout(timer);
    timer = setTimeout(() => abort(reason), timeoutMs);
  };
  const onCancel = (): void => abort('cancelled');
  const onDeadline = (): void => abort('deadline');
  if (options.signal.aborted) throw new DownloadCancelledError(url);
  options.signal.addEventListener('abort', onCancel, { once: true });
  if (options.deadline?.aborted) onDeadline();
  options.deadline?.addEventListener('abort', onDeadline, { once: true });

  let finalUrl = url;
  let bytes = 0;
  let httpStatus: number | null = null;
  try {
    arm('no-answer');
    const response = await followRedirects(options, controller.signal, (next) => {
      finalUrl = next;
      arm('no-answer');
    });
    httpStatus = response.status;
    options.onFirstByte?.(response.status, declaredLength(response));
    checkResponse(options, response, finalUrl);

    const file = await open(options.tempPath, 'w').catch((error: unknown) => {
      discardBody(response.body);
      throw writeError(url, options.tempPath, error);
    });
    const head: Buffer[] = [];
    let headLength = 0;
    // The bytes must be a whole image, header to end marker, not only a good magic number.
    const whole = createImageEndCheck();
    // A reader rather than `for await`: the DOM typings (tests) lack ReadableStream iteration.
    const reader = response.body!.getReader();
    const speed = new SpeedWatch(
      options.minSpeed ?? 0,
      options.speedWindowMs ?? Infinity,
      Date.now(),
    );
    if ((options.minSpeed ?? 0) > 0) {
      speedTimer = setInterval(() => {
        tooSlow ??= speed.check(Date.now(), bytes);
        if (tooSlow) abort('too-slow');
      }, SPEED_SAMPLE_MS);
    }
    try {
      arm('stalled');
      for (;;) {
        // Raced: after an abort undici may never settle this read (nodejs/undici#4089).
        const { done, value: chunk } = await abortable(reader.read(), controller.signal);
        if (done) break;
        arm('stalled');
        if (bytes + chunk.byteLength > options.maxBytes) {
          throw new DownloadError(
            `${url}: the file is larger than the limit of ${formatBytes(options.maxBytes)} (--max-bytes); the download was cut off`,
            { retryable: false, httpStatus, finalUrl },
          );
        }
        bytes += chunk.byteLength;
        if (headLength < HEAD_BYTES) {
          const part = Buffer.from(
            chunk.buffer,
            chunk.byteOffset,
            Math.min(chunk.byteLength, HEAD_BYTES - headLength),
          );
          head.push(Buffer.from(part));
          headLength += part.byteLength;
        }
        whole.push(chunk);
        await file.write(chunk).catch((error: unknown) => {
          throw writeError(url, options.tempPath, error);
        });
        options.onBytes?.(bytes);
      }
    } catch (error) {
      // Stop the transfer at once (cancel, over the limit, disk full), without waiting on a
      // stream that may never answer: the socket goes with the aborted request.
      controller.abort();
      discardReader(reader);
      throw error;
    } finally {
      clearInterval(speedTimer);
      await file.close();
    }
    checkLength(url, response, bytes, finalUrl);
    const problem = whole.finish();
    if (problem) {
      // A body cut short (a connection closed early without a length) may come whole next time.
      throw new DownloadError(`${url}: the image ${problem.words}`, {
        retryable: problem.cutShort,
        httpStatus,
        finalUrl,
      });
    }
    return {
      finalUrl,
      httpStatus: response.status,
      bytes,
      head: Buffer.concat(head),
      contentType: response.headers.get('content-type'),
      contentDisposition: response.headers.get('content-disposition'),
    };
  } catch (error) {
    throw stoppedError(options, stop, error, { bytes, httpStatus, finalUrl, tooSlow });
  } finally {
    clearTimeout(timer);
    clearInterval(speedTimer);
    options.signal.removeEventListener('abort', onCancel);
    options.deadline?.removeEventListener('abort', onDeadline);
  }
}

/** The error an attempt ends with: why it was stopped, when it was, else what went wrong. */
function stoppedError(
  options: AttemptOptions,
  stop: StopReason,
  error: unknown,
  at: { bytes: number; httpStatus: number | null; finalUrl: string; tooSlow: TooSlow | null },
): Error {
  const { url, timeoutMs } = options;
  const { bytes, httpStatus, finalUrl, tooSlow } = at;
  switch (stop) {
    case 'cancelled':
      return new DownloadCancelledError(url);
    case 'deadline':
      return new DownloadError(
        `${url}: ${options.deadlineWords ?? 'the time for this download ran out'}`,
        { retryable: false, httpStatus, finalUrl },
      );
    case 'no-answer':
      return new DownloadError(
        `${url}: no answer from the server within ${formatSeconds(timeoutMs)}`,
        { retryable: true, httpStatus, finalUrl },
      );
    case 'stalled':
      return new DownloadError(
        `${url}: the download stalled: nothing arrived for ${formatSeconds(timeoutMs)} after ${formatBytes(bytes)}`,
        { retryable: true, httpStatus, finalUrl },
      );
    case 'too-slow': {
      const window = formatSeconds(Math.round((tooSlow?.ms ?? 0) / 1000) * 1000);
      const sent = formatBytes(tooSlow?.bytes ?? 0);
      return new DownloadError(
        `${url}: the server sent ${sent} in ${window}, slower than the ${formatSpeed(options.minSpeed ?? 0)} minimum (--min-speed)`,
        { retryable: true, tooSlow: true, httpStatus, finalUrl },
      );
    }
    case null:
      break;
  }
  if (error instanceof DownloadError) return error;
  if (error instanceof AbortedWait) {
    // Aborted by the attempt itself (over the limit, disk full) after the error that matters.
    return new DownloadError(`${url}: the download was stopped`, { retryable: false, finalUrl });
  }
  const failure = networkError(url, error, bytes, finalUrl);
  failure.details.httpStatus = httpStatus;
  return failure;
}

/** The body's Content-Length when declared and not encoded (an encoded one counts other bytes). */
function declaredLength(response: Response): number | null {
  if (response.headers.get('content-encoding')) return null;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  return Number.isFinite(declared) && declared >= 0 ? declared : null;
}

/** A failure to write the temp file is about the disk, not the network, and says so. */
function writeError(url: string, tempPath: string, error: unknown): DownloadError {
  const words = fsErrorCode(error) === 'ENOSPC' ? 'the disk is full' : describeFsError(error);
  return new DownloadError(`${url}: could not save it in ${dirname(tempPath)}: ${words}`, {
    retryable: false,
  });
}

/** Fetches, following up to `maxRedirects` redirects; returns the first non-redirect response. */
async function followRedirects(
  options: AttemptOptions,
  signal: AbortSignal,
  onHop: (next: string) => void,
): Promise<Response> {
  const { url } = options;
  const visited = new Set([url]);
  let current = url;
  for (let hops = 0; ; hops += 1) {
    const init = {
      redirect: 'manual',
      signal,
      headers: { 'user-agent': options.userAgent, accept: 'image/*,*/*;q=0.8' },
      // Node's fetch takes an undici dispatcher; the DOM typings do not know the field.
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    } as RequestInit;
    // Raced: after an abort undici may leave fetch() pending (nodejs/undici#4089).
    const response = await abortable(fetch(current, init), signal);
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    // The redirect's own body is never wanted; release it without waiting on it.
    discardBody(response.body);
    const location = response.headers.get('location');
    if (!location) {
      throw new DownloadError(
        `${url}: the server answered ${describeStatus(response.status)} without saying where to go`,
        {
          retryable: false,
          httpStatus: response.status,
          finalUrl: current,
        },
      );
    }
    const next = new URL(location, current);
    next.hash = '';
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new DownloadError(
        `${url}: the server redirected to ${next.href}, which is not an http or https URL`,
        {
          retryable: false,
          httpStatus: response.status,
          finalUrl: current,
        },
      );
    }
    if (visited.has(next.href)) {
      throw new DownloadError(
        `${url}: the redirects go round in a loop (back to ${next.href}) after ${hops + 1}`,
        {
          retryable: false,
          httpStatus: response.status,
          finalUrl: current,
        },
      );
    }
    if (hops + 1 > options.maxRedirects) {
      throw new DownloadError(
        `${url}: more than ${options.maxRedirects} redirects; stopped at ${current}`,
        {
          retryable: false,
          httpStatus: response.status,
          finalUrl: current,
        },
      );
    }
    visited.add(next.href);
    current = next.href;
    onHop(current);
  }
}

/** Refuses error statuses and bodies declared too large, before any byte is written. */
function checkResponse(options: AttemptOptions, response: Response, finalUrl: string): void {
  const { url } = options;
  if (response.status < 200 || response.status > 299) {
    discardBody(response.body);
    throw new DownloadError(`${url}: the server answered ${describeStatus(response.status)}`, {
      retryable: isRetryableStatus(response.status),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      httpStatus: response.status,
      finalUrl,
    });
  }
  if (response.status === 206) {
    // We never ask for a range, so a part is not the file, however good its first bytes look.
    discardBody(response.body);
    throw new DownloadError(
      `${url}: the server sent only part of the file (206 Partial Content) when the whole file was asked for`,
      { retryable: false, httpStatus: response.status, finalUrl },
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    discardBody(response.body);
    throw new DownloadError(
      `${url}: the file is ${formatBytes(declared)}, more than the limit of ${formatBytes(options.maxBytes)} (--max-bytes)`,
      { retryable: false, httpStatus: response.status, finalUrl },
    );
  }
  if (!response.body) {
    throw new DownloadError(
      `${url}: the server answered ${describeStatus(response.status)} with no content`,
      {
        retryable: false,
        httpStatus: response.status,
        finalUrl,
      },
    );
  }
}

/** A body shorter than its Content-Length was cut off, even if the socket closed politely. */
function checkLength(url: string, response: Response, bytes: number, finalUrl: string): void {
  // With Content-Encoding the header counts compressed bytes, which we never see.
  if (response.headers.get('content-encoding')) return;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && bytes < declared) {
    throw new DownloadError(
      `${url}: the connection ended after ${formatBytes(bytes)} of ${formatBytes(declared)}`,
      { retryable: true, httpStatus: response.status, finalUrl },
    );
  }
}
