/**
 * The window's "Run on: a queue" asks who is there before a run starts (`queue:workers`): the
 * workers connected now, by name, or what is wrong with the URL in words — not a redis:// URL, no
 * answer within the time limit, wrong password — and a warning when Redis may evict our keys.
 */
import { Redis } from 'ioredis';
import { UsageError } from '../usage-error.js';
import { describeConnectError, evictionPolicy, withTimeout } from './queue-connection.js';
import { CONNECT_TIMEOUT_MS } from './queue-connection.js';
import { parseQueueUrl, redisOptions } from './queue-url.js';
import { connectedWorkers } from './worker-registry.js';
import type { WorkerHeartbeat } from './queue-messages.js';

/** Who serves the queue now. */
export interface QueueWorkersAnswer {
  /** The URL without its password. */
  queue: string;
  workers: WorkerHeartbeat[];
  /** A problem that does not stop a run from starting here but should be fixed; null if none. */
  warning: string | null;
}

/** Asks the queue at `text` (named `option` in messages); a `UsageError` in words if it can't. */
export async function askQueueWorkers(text: string, option = 'Queue'): Promise<QueueWorkersAnswer> {
  const url = parseQueueUrl(text.trim(), option);
  const client = new Redis(
    redisOptions(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    }),
  );
  let cause: unknown = null;
  client.on('error', (error) => (cause ??= error));
  try {
    // One limit for the whole question, so the answer comes within 5 s whatever is slow.
    return await withTimeout(
      (async () => {
        await client.connect();
        const policy = await evictionPolicy(client);
        const workers = await connectedWorkers(client);
        const warning =
          policy !== null && policy !== 'noeviction'
            ? `Redis evicts keys (maxmemory-policy ${policy}): set maxmemory-policy noeviction, or a run through it will be refused`
            : null;
        return { queue: url.shown, workers, warning };
      })(),
      `${option} ${url.shown} does not answer`,
    );
  } catch (error) {
    const why = error instanceof UsageError ? error : (cause ?? error);
    throw new UsageError(describeConnectError(why, url, option));
  } finally {
    client.disconnect();
  }
}
