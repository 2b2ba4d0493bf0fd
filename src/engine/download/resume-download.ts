/**
 * Resuming a download run: a new run, linked to the old one (`resumedFrom`), into the same folder
 * with the same settings, that fetches only the URLs whose file was not saved and, when the old
 * run processed its files, processes only the saved files that were not processed.
 */
import { existsSync } from 'node:fs';
import type { RunStore } from '../../db/run-store.js';
import type { ItemRecord, RunRecord } from '../../shared/records.js';
import { UsageError } from '../usage-error.js';
import type { RunContext, RunHandle } from '../run-types.js';
import { startDownloadRun } from './download-run.js';

/** What is left of a download run. */
export interface DownloadLeftovers {
  /** URLs to fetch again, in list order. */
  urls: string[];
  /** Files saved but not processed (only when the run processed its files). */
  toProcess: { url: string; savedPath: string }[];
}

/** The URLs not saved and the saved files not processed, from the old run's items. */
export function downloadLeftovers(run: RunRecord, items: readonly ItemRecord[]): DownloadLeftovers {
  const urls: string[] = [];
  const toProcess: DownloadLeftovers['toProcess'] = [];
  for (const item of items) {
    // Bad lines and repeats never had a download: they are not fetched again.
    if (!item.download) continue;
    const saved = item.download.savedPath;
    if (saved === null || !existsSync(saved)) {
      // Skipped: a file of its name was kept in the folder (--existing skip); that is done too.
      if (item.status !== 'ok' && item.status !== 'skipped') urls.push(item.source);
    } else if (run.settings.process && item.status !== 'ok' && item.status !== 'skipped') {
      toProcess.push({ url: item.source, savedPath: saved });
    }
  }
  return { urls, toProcess };
}

/** Starts the resumed run; a usage error when the run cannot or need not be resumed. */
export async function resumeDownloadRun(
  runId: number,
  store: RunStore,
  context: RunContext,
  overrides: { workers?: number } = {},
): Promise<RunHandle> {
  const previous = store.getRun(runId);
  if (!previous) throw new UsageError(`there is no run ${runId}`);
  if (previous.kind !== 'download')
    throw new UsageError(`run ${runId} is a ${previous.kind} run, not a download run`);
  if (previous.status === 'running')
    throw new UsageError(`run ${runId} is still running; cancel it before resuming it`);
  const items = store.listItems(runId);
  // A run killed before its first write to the history has no URLs to go on: say so, rather than
  // claim that everything was saved.
  if (items.length === 0) {
    throw new UsageError(
      `run ${runId} stopped before it recorded any of its URLs; download the list again instead`,
    );
  }
  const left = downloadLeftovers(previous, items);
  if (left.urls.length === 0 && left.toProcess.length === 0) {
    throw new UsageError(
      `run ${runId}: every URL was saved${previous.settings.process ? ' and processed' : ''}; nothing is left to resume`,
    );
  }
  const download = previous.settings.download!;
  const process = previous.settings.process
    ? { ...previous.settings.process, ...(overrides.workers ? { workers: overrides.workers } : {}) }
    : null;
  return startDownloadRun(
    {
      urlsText: left.urls.join('\n'),
      sourceName: previous.inputs[0] ?? `run ${runId}`,
      outDir: previous.outDir,
      // A killed run may have saved files its last writes did not record: a file already in the
      // folder under the URL's name is kept (skipped, no request) rather than fetched as -1.
      settings: { ...download, existing: download.existing === 'overwrite' ? 'overwrite' : 'skip' },
      process,
      label: previous.label,
      resume: { fromRunId: runId, toProcess: left.toProcess },
    },
    context,
  );
}
