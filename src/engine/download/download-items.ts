/**
 * What a download run starts from: one stored item per line of the list, and a usable folder.
 */
import { mkdir, stat } from 'node:fs/promises';
import type { ItemRecord } from '../../shared/records.js';
import type { NewItem } from '../../db/store-types.js';
import { describeFsError } from '../fs-error-words.js';
import type { RunRecorder } from '../run-recorder.js';
import { UsageError } from '../usage-error.js';
import type { UrlListLine } from '../../shared/url-list.js';
import { systemTreeOf } from '../system-trees.js';

/** A URL waiting for a fetcher. */
export interface Job {
  record: ItemRecord;
  url: string;
}

/**
 * Stores one item per listed line, in list order: URLs to fetch (pending), bad lines (failed, with
 * their line number) and repeats (skipped: each URL is fetched once). Returns the fetch jobs.
 */
export function planItems(recorder: RunRecorder, lines: readonly UrlListLine[]): Job[] {
  const items: Omit<NewItem, 'seq'>[] = lines.map((line) => {
    const base = { source: line.source, output: null, bytesIn: null };
    switch (line.kind) {
      case 'url':
        return { ...base, status: 'pending', error: null };
      case 'bad':
        return { ...base, status: 'failed', error: line.error };
      case 'duplicate':
        return {
          ...base,
          status: 'skipped',
          error: `line ${line.line}: the same URL as line ${line.firstLine}, downloaded once`,
        };
    }
  });
  const records = recorder.addItems(items);
  const jobs: Job[] = [];
  records.forEach((record, index) => {
    const line = lines[index]!;
    if (line.kind !== 'url') return;
    jobs.push({ record, url: line.url });
    // All URLs are queued when the run starts; the item's own queue time is the processing queue's.
    recorder.updateItem({
      seq: record.seq,
      queuedMs: null,
      download: { queuedMs: record.queuedMs },
    });
  });
  return jobs;
}

/**
 * The reason alone: items carry their source and shells print `source: reason`, so the stored
 * error does not repeat the URL that fetch messages start with.
 */
export function withoutUrl(message: string, url: string): string {
  return message.startsWith(`${url}: `) ? message.slice(url.length + 2) : message;
}

/** Creates the folder, or explains why it cannot be used (a usage error: nothing was stored). */
export async function prepareFolder(dir: string): Promise<void> {
  // Node's recursive mkdir spins forever under /proc: system trees are refused first.
  const system = await systemTreeOf(dir);
  if (system)
    throw new UsageError(
      `${dir} is in ${system}, which holds the running system's own files; choose another folder for the downloads`,
    );
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new UsageError(`${dir} is a file, not a folder; choose a folder for the downloads`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(
      `${dir}: the download folder could not be created (${describeFsError(error)})`,
    );
  }
}
