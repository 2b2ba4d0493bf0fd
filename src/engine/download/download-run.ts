/**
 * A download run: every line of the list becomes a stored item, URLs are fetched by a fixed
 * number of async fetchers in this process (waiting on the network needs concurrency, not
 * processes), and with `process` settings each saved file goes straight to the pool stage, so
 * downloading and processing overlap. The lifecycle (run-lifecycle.ts) does the rest.
 */
import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isReadableFormat } from '../../media/sniff-image.js';
import { sniffFile } from '../sniff-file.js';
import {
  DEFAULT_DOWNLOAD_SETTINGS,
  downloadSettingsSchema,
  processSettingsSchema,
} from '../../shared/settings.js';
import type { DownloadSettings, ProcessSettings } from '../../shared/settings.js';
import { parseUrlList } from '../../shared/url-list.js';
import { prepareOutputPlanner } from '../plan-outputs.js';
import { namingOf } from '../templated-names.js';
import type { OutputPlanner } from '../plan-outputs.js';
import { PoolStage } from '../pool-stage.js';
import { launchRun } from '../run-lifecycle.js';
import type { RunScope } from '../run-lifecycle.js';
import type { RunContext, RunHandle } from '../run-types.js';
import { removeStrayTemps } from '../temp-names.js';
import { UsageError } from '../usage-error.js';
import { connectDispatcher } from './connect-dispatcher.js';
import { DownloadFolder } from './download-folder.js';
import { removeTempsOfEndedRuns } from './download-temps.js';
import { planItems, prepareFolder } from './download-items.js';
import type { Job } from './download-items.js';
import { fetchItem } from './fetch-item.js';
import type { FetchContext } from './fetch-item.js';
import { LiveBytes } from './live-bytes.js';
import { startProcessingSaved } from './process-saved.js';
import { defaultRetryPolicy } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

/** Where processed files of a download run go, inside its download folder. */
export const PROCESSED_SUBFOLDER = 'processed';

/** What to download. */
export interface DownloadRunRequest {
  /** The list: one URL a line, blank lines and `#` comments ignored. */
  urlsText: string;
  /** What the list was (a file's path, `standard input`, `pasted URLs`); stored as the run's input. */
  sourceName: string;
  outDir: string;
  settings: DownloadSettings;
  /** Process each file as soon as it is saved, into `<outDir>/processed`; null: download only. */
  process: ProcessSettings | null;
  label: string | null;
  /** A resumed run: the run it continues, and its saved files still to process. */
  resume?: { fromRunId: number; toProcess: { url: string; savedPath: string }[] };
  /** Retry spacing; tests shorten it. Defaults from `defaultRetryPolicy(settings.retries)`. */
  retryPolicy?: Partial<Omit<RetryPolicy, 'retries'>>;
}

/** Starts a download run; resolves once it is stored (its id known) and running. */
export async function startDownloadRun(
  request: DownloadRunRequest,
  context: RunContext,
): Promise<RunHandle> {
  // Runs stored before a setting existed, and callers that leave one out, get its default.
  const settings = {
    ...DEFAULT_DOWNLOAD_SETTINGS,
    ...downloadSettingsSchema.parse(request.settings),
  };
  const process = request.process ? processSettingsSchema.parse(request.process) : null;
  const outDir = resolve(request.outDir);
  const list = parseUrlList(request.urlsText);
  const toProcess = process ? (request.resume?.toProcess ?? []) : [];
  if (list.lines.length === 0 && toProcess.length === 0) {
    throw new UsageError(
      `${request.sourceName}: no URLs in it (one http or https URL a line; # starts a comment)`,
    );
  }
  await prepareFolder(outDir);
  // Temps of runs that ended without cleaning up (a second Ctrl-C, a crash) go now.
  await removeTempsOfEndedRuns(outDir, context.store);
  let planner: ((runId: number) => OutputPlanner) | null = null;
  if (process) {
    await prepareFolder(join(outDir, PROCESSED_SUBFOLDER));
    const { format, existing } = process;
    planner = await prepareOutputPlanner({
      inputs: [outDir],
      outDir: join(outDir, PROCESSED_SUBFOLDER),
      format,
      existing,
      naming: namingOf(process),
      onlySmaller: process.onlySmaller,
    });
  }
  const spec = {
    kind: 'download' as const,
    label: request.label,
    inputs: [request.sourceName],
    outDir,
    settings: { process, download: settings },
    resumedFrom: request.resume?.fromRunId ?? null,
    // Worker processes only when processing: the fetchers are not workers.
    workers: process?.workers ?? 0,
    threads: process?.threads ?? 0,
    pipeline: process?.pipeline ?? null,
    taskTimeoutMs: process?.timeoutMs ?? settings.timeoutMs,
  };
  const policy: RetryPolicy = { ...defaultRetryPolicy(settings.retries), ...request.retryPolicy };
  return launchRun(spec, context, async (scope) => {
    const jobs = planItems(scope.recorder, list.lines);
    const pool = connectDispatcher(settings.timeoutMs);
    const live = new LiveBytes(scope.run.id, scope.clock.now);
    const fetch: FetchContext = {
      scope,
      folder: new DownloadFolder(outDir),
      settings,
      policy,
      live,
      dispatcher: pool.dispatcher,
    };
    scope.defer(() => removeStrayTemps(outDir, { runId: scope.run.id }));
    // Closes every connection, stuck ones too, without waiting on them.
    scope.defer(() => pool.destroy());
    scope.defer(announceLiveBytes(live, context));
    const stage =
      process && planner
        ? new PoolStage(scope, scope.dispatcher!, planner(scope.run.id), process, SAVED_WORDS)
        : null;
    if (stage) await processLeftovers(stage, scope, toProcess);
    await fetchAll(jobs, fetch, Math.min(settings.concurrency, Math.max(1, list.urls)), stage);
    await stage?.drain();
  });
}

/** Announces `download:progress` a few times a second; returns the cleanup that stops it. */
function announceLiveBytes(live: LiveBytes, context: RunContext): () => void {
  const announce = (): void => {
    const progress = live.take();
    if (!progress) return;
    try {
      context.onEvent({ name: 'download:progress', payload: progress });
    } catch {
      // A listener that throws (a closed socket) must not end the run, nor escape the timer.
    }
  };
  const timer = setInterval(announce, LIVE_BYTES_EVERY_MS);
  return () => {
    clearInterval(timer);
    announce();
  };
}

/** How often live bytes are announced (as often as run:progress). */
const LIVE_BYTES_EVERY_MS = 250;

/** A resumed run's files saved by the old run but not processed: one item each, processed now. */
async function processLeftovers(
  stage: PoolStage,
  scope: RunScope,
  files: { url: string; savedPath: string }[],
): Promise<void> {
  if (files.length === 0) return;
  const records = scope.recorder.addItems(
    files.map((f) => ({
      source: f.url,
      status: 'pending',
      output: null,
      bytesIn: null,
      error: null,
    })),
  );
  for (const [index, record] of records.entries()) {
    if (scope.signal.aborted) return;
    const file = files[index]!;
    const sniffed = await sniffFile(file.savedPath).catch(() => null);
    const size = await stat(file.savedPath).then(
      (s) => s.size,
      () => null,
    );
    if (
      !sniffed ||
      size === null ||
      sniffed.kind !== 'image' ||
      !isReadableFormat(sniffed.format)
    ) {
      scope.recorder.finishItem({
        seq: record.seq,
        status: 'failed',
        error: `${basename(file.savedPath)} is no longer an image this app can read, or is gone`,
      });
      continue;
    }
    scope.recorder.updateItem({
      seq: record.seq,
      download: { savedPath: file.savedPath, attempts: 0, bytes: size },
    });
    const saved = {
      ok: true as const,
      savedPath: file.savedPath,
      format: sniffed.format,
      finalUrl: file.url,
      httpStatus: 200,
      bytes: size,
      attempts: 0,
    };
    await startProcessingSaved(stage, scope, record.seq, saved);
  }
}

/** How a download run words an item whose file was saved but not processed. */
const SAVED_WORDS = {
  failed: (source: string, error: string) =>
    `saved as ${basename(source)}, but processing failed: ${error}`,
  notProcessed: (reason: string) => `saved, but not processed: ${reason}`,
};

/** `lanes` fetchers take the jobs in list order until none is left or the run stops. */
async function fetchAll(
  jobs: Job[],
  fetch: FetchContext,
  lanes: number,
  stage: PoolStage | null,
): Promise<void> {
  const { scope } = fetch;
  // Each fetcher listens for cancel while it fetches or backs off: one listener per lane.
  setMaxListeners(lanes + 10, scope.signal);
  const busy = new Map<number, { source: string; sinceMs: number }>();
  if (!stage) scope.showActivity(() => laneActivity(lanes, busy));
  let next = 0;
  let fault: { error: unknown } | null = null;
  const fetcher = async (lane: number): Promise<void> => {
    while (!scope.signal.aborted && !fault && next < jobs.length) {
      const job = jobs[next++]!;
      busy.set(lane, { source: job.url, sinceMs: scope.clock.now() });
      try {
        const saved = await fetchItem(job, fetch, stage !== null);
        if (saved && stage) await startProcessingSaved(stage, scope, job.record.seq, saved);
      } catch (error) {
        // A fault of ours, not a URL's: the other lanes take no new job, and the run fails
        // once they have all stopped (none is left running behind the lifecycle's cleanup).
        fault ??= { error };
      } finally {
        busy.delete(lane);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, lane) => fetcher(lane)));
  if (fault) throw (fault as { error: unknown }).error;
}

function laneActivity(lanes: number, busy: Map<number, { source: string; sinceMs: number }>) {
  return Array.from({ length: lanes }, (_, lane) => {
    const job = busy.get(lane);
    return { workerId: lane, source: job?.source ?? null, sinceMs: job?.sinceMs ?? null };
  });
}
