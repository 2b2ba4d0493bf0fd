/**
 * The `--queue` / `--redis` URL: only `redis://` and `rediss://`, checked before anything
 * connects, and shown to users without its password.
 */
import type { RedisOptions } from 'ioredis';
import { UsageError } from '../usage-error.js';

/** A checked queue URL. */
export interface QueueUrl {
  /** As the user gave it, for connecting. */
  href: string;
  /** Without user and password, for messages and the store. */
  shown: string;
}

/** Checks `text` is a Redis URL; `option` names the flag in the error. */
export function parseQueueUrl(text: string, option: string): QueueUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${option} must be a redis:// or rediss:// URL, got "${text}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`${option} must be a redis:// or rediss:// URL, got "${text}"`);
  }
  if (!url.hostname) throw new UsageError(`${option}: the URL "${text}" names no host`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) {
    throw new UsageError(`${option}: "${db}" in "${text}" is not a database number (0-15)`);
  }
  const shown = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  return { href: text, shown };
}

/** ioredis options for a BullMQ connection to `url` (BullMQ needs no per-request retry limit). */
export function redisOptions(url: QueueUrl, extra: RedisOptions = {}): RedisOptions {
  const u = new URL(url.href);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    ...extra,
  };
}
