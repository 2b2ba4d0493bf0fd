import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultRetryPolicy,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  sleep,
} from '../../../src/engine/download/retry-policy.js';

test('retries 408, 429 and 5xx, not other 4xx', () => {
  for (const status of [408, 429, 500, 502, 503, 504, 599])
    assert.equal(isRetryableStatus(status), true, String(status));
  for (const status of [400, 401, 403, 404, 410, 451])
    assert.equal(isRetryableStatus(status), false, String(status));
});

test('Retry-After as seconds or as an HTTP date', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter('1.5', now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test('backoff doubles, stays within half and all of each step, and is capped', () => {
  const low = { ...defaultRetryPolicy(5), random: () => 0 };
  const high = { ...defaultRetryPolicy(5), random: () => 0.999999 };
  assert.deepEqual(
    [1, 2, 3].map((n) => retryDelayMs(n, low, null)),
    [250, 500, 1000],
  );
  assert.deepEqual(
    [1, 2, 3].map((n) => Math.round(retryDelayMs(n, high, null))),
    [500, 1000, 2000],
  );
  assert.equal(Math.round(retryDelayMs(20, high, null)), 30_000);
});

test('Retry-After replaces the backoff and is never undercut', () => {
  const policy = { ...defaultRetryPolicy(3), random: () => 0 };
  assert.equal(retryDelayMs(1, policy, 7000), 7000);
  const jittered = retryDelayMs(1, { ...policy, random: () => 0.5 }, 7000);
  assert.ok(jittered >= 7000 && jittered <= 8000);
});

/** Lets pending promise callbacks run (not timers: setImmediate is not mocked below). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

test('sleep waits its whole time when not cancelled', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let woke = false;
  void sleep(60_000, new AbortController().signal).then(() => (woke = true));
  t.mock.timers.tick(59_999);
  await settle();
  assert.equal(woke, false, 'still asleep 1 ms before the time is up');
  t.mock.timers.tick(1);
  await settle();
  assert.equal(woke, true);
});

test('sleep ends at once when cancelled, with no time passing', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const controller = new AbortController();
  let woke = false;
  void sleep(60_000, controller.signal).then(() => (woke = true));
  t.mock.timers.tick(1_000);
  await settle();
  assert.equal(woke, false, 'asleep until cancelled');
  controller.abort();
  await settle();
  assert.equal(woke, true, 'a cancel must not sit out the backoff');
});

test('sleep with an already cancelled signal does not wait at all', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const controller = new AbortController();
  controller.abort();
  let woke = false;
  void sleep(60_000, controller.signal).then(() => (woke = true));
  await settle();
  assert.equal(woke, true);
});
