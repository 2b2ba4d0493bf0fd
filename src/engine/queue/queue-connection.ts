/**
 * The first contact with Redis, before a run is stored or a worker takes a job: it answers within
 * a few seconds, the password is right, and it will never evict our keys (BullMQ's production
 * guide: `maxmemory-policy noeviction`). Each problem is one line saying what to fix.
 */
import { Redis } from 'ioredis';
import { UsageError } from '../usage-error.js';
import { redisOptions } from './queue-url.js';
import type { QueueUrl } from './queue-url.js';

/** How long the first contact may take before the URL is said not to answer. */
export const CONNECT_TIMEOUT_MS = 4000;

/** Connects once, checks the server, and closes; throws a `UsageError` in words. */
export async function checkQueueServer(url: QueueUrl, option: string): Promise<void> {
  const client = new Redis(
    redisOptions(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    }),
  );
  // The socket's own error (refused, wrong password) arrives here; the rejected promise only
  // says "Connection is closed", so the message is made from this one.
  let cause: unknown = null;
  client.on('error', (error) => (cause ??= error));
  try {
    await withTimeout(client.connect(), `${option} ${url.shown} does not answer`);
    await withTimeout(client.ping(), `${option} ${url.shown} does not answer`);
    const policy = await evictionPolicy(client);
    if (policy !== null && policy !== 'noeviction') {
      throw new UsageError(
        `${option} ${url.shown}: Redis evicts keys (maxmemory-policy ${policy}); ` +
          'set maxmemory-policy noeviction so no task is lost',
      );
    }
  } catch (error) {
    const why = error instanceof UsageError ? error : (cause ?? error);
    throw new UsageError(describeConnectError(why, url, option));
  } finally {
    client.disconnect();
  }
}

/** The server's eviction policy, or null where CONFIG is not allowed (managed Redis). */
export async function evictionPolicy(client: Redis): Promise<string | null> {
  try {
    const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
    return reply[1] ?? null;
  } catch {
    return null;
  }
}

/** `promise`, or a `UsageError` with `message` after `CONNECT_TIMEOUT_MS`. */
export function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UsageError(message)), CONNECT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One line for what went wrong on first contact. */
export function describeConnectError(error: unknown, url: QueueUrl, option: string): string {
  if (error instanceof UsageError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (/WRONGPASS|invalid username-password|NOAUTH|AUTH failed/i.test(message)) {
    return `${option} ${url.shown}: wrong user name or password`;
  }
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return `${option} ${url.shown}: nothing listens there (is redis-server running?)`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND/.test(message)) {
    return `${option} ${url.shown}: unknown host`;
  }
  return `${option} ${url.shown} does not answer (${message})`;
}
