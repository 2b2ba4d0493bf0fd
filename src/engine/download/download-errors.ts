/**
 * How a download fails, in one style: the URL, a colon, then what went wrong in words
 * ("https://x/y.jpg: the server answered 404 Not Found"). Whether to retry travels with the error
 * so the retry loop never has to parse messages.
 */
import { STATUS_CODES } from 'node:http';

/** A failed attempt (or a failed download, once retries are spent). */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    message: string,
    readonly details: {
      /** Worth another attempt (network trouble, 408, 429, 5xx, time-outs). */
      retryable: boolean;
      /** The attempt was stopped for being slower than the lowest speed (retried once only). */
      tooSlow?: boolean;
      /** The server's Retry-After, in ms, if it sent one. */
      retryAfterMs?: number | null;
      httpStatus?: number | null;
      finalUrl?: string | null;
    },
  ) {
    super(message);
  }
}

/** The run was cancelled while this download was in flight; its temp file is already gone. */
export class DownloadCancelledError extends Error {
  override readonly name = 'DownloadCancelledError';
  constructor(url: string) {
    super(`${url}: cancelled`);
  }
}

/** `404 Not Found`: the status with its standard words. */
export function describeStatus(status: number): string {
  const words = STATUS_CODES[status];
  return words ? `${status} ${words}` : String(status);
}

/** Bytes for people: `812 bytes`, `12.3 KB`, `100 MB` (powers of 1024, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** Seconds for people: `30 s`, `0.5 s`. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

// Codes that mean the host will not exist or be trusted next time either.
const PERMANENT_CODES = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the server refused the connection',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ECONNABORTED: 'the connection was aborted',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  ENOTFOUND: 'the host name could not be found',
  EAI_AGAIN: 'the host name could not be looked up right now',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'connecting to the server timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server sent no answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending data',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate could not be verified",
};

/** The innermost error code and message of a fetch failure (undici wraps socket errors in `cause`). */
function innermost(error: unknown): { code: string | null; message: string | null } {
  let code: string | null = null;
  let message: string | null = null;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const c = (current as { code?: unknown }).code;
    if (code === null && typeof c === 'string') code = c;
    if (
      current instanceof Error &&
      current.message !== 'fetch failed' &&
      current.message !== 'terminated'
    ) {
      message = current.message;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return { code, message };
}

/**
 * Turns a network-level failure (no HTTP status) into a DownloadError. `bytes` is how much of the
 * body had arrived, so a reset mid-body says so instead of pretending nothing happened.
 */
export function networkError(
  url: string,
  error: unknown,
  bytes: number,
  finalUrl: string | null,
): DownloadError {
  const { code, message } = innermost(error);
  // fetch() refuses some ports outright (the Fetch standard's "bad port" list: 25, 6000, …).
  if (message === 'bad port') {
    const port = new URL(finalUrl ?? url).port;
    return new DownloadError(
      `${url}: port ${port} is on the list of ports web clients refuse to use`,
      {
        retryable: false,
        finalUrl,
      },
    );
  }
  const words =
    (code && CODE_WORDS[code]) ??
    (message ? `the connection failed (${message})` : 'the connection failed');
  const where = bytes > 0 ? ` after ${formatBytes(bytes)} had arrived` : '';
  return new DownloadError(`${url}: ${words}${where}`, {
    retryable: !(code && PERMANENT_CODES.has(code)),
    finalUrl,
  });
}
