/**
 * When to try a download again and how long to wait first: exponential backoff with jitter, so
 * that many fetchers failing together do not hammer a recovering server in lockstep, and the
 * server's own `Retry-After` when it gives one.
 */

/** How retries are spaced. */
export interface RetryPolicy {
  /** Retries after the first attempt (so attempts = retries + 1). */
  retries: number;
  /** Wait before the first retry, before jitter. */
  baseDelayMs: number;
  /** No backoff wait grows beyond this. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the item fails instead. */
  maxRetryAfterMs: number;
  /** Random source in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/** Defaults: 0.5 s, 1 s, 2 s … (each between half and all of that), capped at 30 s. */
export function defaultRetryPolicy(retries: number): RetryPolicy {
  return {
    retries,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 5 * 60_000,
    random: Math.random,
  };
}

/**
 * Statuses worth another try: 408 (the server timed out waiting for us), 429 (slow down), and
 * every 5xx (server trouble is usually passing). Other 4xx will answer the same again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date. Returns ms to wait (0 for a date in the
 * past) or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only accept things that look like dates; Date.parse alone is too forgiving ("1.5" parses).
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Wait before retry number `retry` (1 for the first retry). Backoff is "equal jitter": half the
 * exponential step fixed, half random, so a retry is never immediate but fetchers spread out.
 * A server's `Retry-After` replaces the backoff: we never come back sooner than asked.
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const backoff = step / 2 + (step / 2) * policy.random();
  if (retryAfterMs === null) return backoff;
  // Up to a second of jitter on top, so fetchers told the same Retry-After do not return at once.
  return retryAfterMs + policy.random() * Math.min(1000, step / 2);
}

/**
 * Waits `ms`, or stops early when `signal` aborts (cancel must not sit out a 30 s backoff).
 * Resolves either way; callers check the signal afterwards.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
