/**
 * Which workers are connected now: each renews its own key (queue-names.ts `workerKey`), which
 * Redis expires when it stops, so the list needs no clocks and no clean-up.
 */
import type { Redis } from 'ioredis';
import { WORKER_KEY_PREFIX } from './queue-names.js';
import { workerHeartbeatSchema } from './queue-messages.js';
import type { WorkerHeartbeat } from './queue-messages.js';

/** Connected workers, by name. */
export async function connectedWorkers(redis: Redis): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${WORKER_KEY_PREFIX}*`, 'COUNT', 200);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  const workers: WorkerHeartbeat[] = [];
  for (const value of values) {
    if (value === null) continue;
    try {
      const parsed = workerHeartbeatSchema.safeParse(JSON.parse(value));
      if (parsed.success) workers.push(parsed.data);
    } catch {
      // Not ours, or cut short: not a worker.
    }
  }
  return workers.sort((a, b) => a.name.localeCompare(b.name));
}
