/**
 * A download run: every line of the list becomes a stored item, URLs are fetched by a fixed
 * number of async fetchers in this process (waiting on the network needs concurrency, not
 * processes), each result is stored as it happens, and with `process` settings each saved file
 * goes straight to the worker pool so downloading and processing overlap.
 */
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { WorkerActivity } from '../../shared/contract.js';
import { downloadSettingsSchema, processSettingsSchema } from '../../shared/settings.js';
import type { DownloadSettings, ProcessSettings } from '../../shared/settings.js';
import type { DownloadTimings } from '../../shared/records.js';
import { machineInfo } from '../machine-info.js';
import { startRunClock } from '../run-clock.js';
import { RunRecorder } from '../run-recorder.js';
import type { RunContext, RunHandle } from '../run-types.js';
import { removeStrayTemps, tempPathFor } from '../temp-names.js';
import { UsageError } from '../usage-error.js';
import { DownloadCancelledError } from './download-errors.js';
import { nameFromUrl } from './download-file-name.js';
import { DownloadFolder } from './download-folder.js';
import { fetchToFile } from './fetch-to-file.js';
import { parseUrlList } from './parse-url-list.js';
import { planItems, prepareFolder, withoutUrl } from './download-items.js';
import type { Job } from './download-items.js';
import { PROCESSED_SUBFOLDER, ProcessStage } from './process-stage.js';
import { defaultRetryPolicy } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

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
  /** Retry spacing; tests shorten it. Defaults from `defaultRetryPolicy(settings.retries)`. */
  retryPolicy?: Partial<Omit<RetryPolicy, 'retries'>>;
}

/** Starts a download run; resolves once it is stored (its id known) and running. */
export async function startDownloadRun(
  request: DownloadRunRequest,
  context: RunContext,
): Promise<RunHandle> {
  const settings = downloadSettingsSchema.parse(request.settings);
  const processSettings = request.process ? processSettingsSchema.parse(request.process) : null;
  const outDir = resolve(request.outDir);
  const list = parseUrlList(request.urlsText);
  if (list.lines.length === 0) {
    throw new UsageError(
      `${request.sourceName}: no URLs in it (one http or https URL a line; # starts a comment)`,
    );
  }
  await prepareFolder(outDir);
  if (processSettings) await prepareFolder(join(outDir, PROCESSED_SUBFOLDER));

  const { store } = context;
  const run = store.createRun({
    kind: 'download',
    label: request.label,
    inputs: [request.sourceName],
    outDir,
    settings: { process: processSettings, download: settings },
    // Worker processes only when processing: the fetchers are not workers.
    workers: processSettings?.workers ?? 0,
    threads: processSettings?.threads ?? 0,
    pipeline: processSettings?.pipeline ?? null,
    machine: machineInfo(),
    resumedFrom: null,
  });
  const clock = startRunClock();
  const stage = processSettings
    ? await ProcessStage.create({
        downloadDir: outDir,
        settings: processSettings,
        runId: run.id,
        hostFactory: context.hostFactory,
        clock: clock.now,
      })
    : null;
  const lanes = Math.min(settings.concurrency, Math.max(1, list.urls));
  const busy = new Map<number, { source: string; sinceMs: number }>();
  const activity = (): WorkerActivity[] =>
    stage
      ? stage.pool.activity()
      : Array.from({ length: lanes }, (_, lane) => {
          const job = busy.get(lane);
          return { workerId: lane, source: job?.source ?? null, sinceMs: job?.sinceMs ?? null };
        });
  const recorder = new RunRecorder(store, run, context.onEvent, clock.now, activity);
  const controller = new AbortController();
  // Each fetcher listens for cancel while it fetches or backs off: one listener per lane.
  setMaxListeners(lanes + 10, controller.signal);
  const folder = new DownloadFolder(outDir);
  const policy: RetryPolicy = { ...defaultRetryPolicy(settings.retries), ...request.retryPolicy };
  const processing = new Set<Promise<void>>();
  let cancelled = false;
  let fatal: unknown = null;

  const jobs = planItems(recorder, list.lines);
  let next = 0;

  const downloadOne = async ({ record, url }: Job, lane: number): Promise<void> => {
    const startMs = clock.now();
    busy.set(lane, { source: url, sinceMs: startMs });
    recorder.updateItem({ id: record.id, download: { startMs } });
    let firstByteMs: number | null = null;
    let attempts = 0;
    let result;
    try {
      result = await fetchToFile({
        url,
        folder,
        tempPath: tempPathFor(join(outDir, nameFromUrl(url) ?? 'download'), run.id, record.id),
        settings,
        policy,
        signal: controller.signal,
        fallbackNumber: record.seq + 1,
        onAttempt: (n) => {
          attempts = n;
          firstByteMs = null;
        },
        onFirstByte: () => {
          firstByteMs = clock.now();
        },
      });
    } catch (error) {
      const download = { attempts, firstByteMs, endMs: clock.now() };
      if (error instanceof DownloadCancelledError) {
        // Left pending (as a cancelled process run leaves its unfinished items), with what we know.
        recorder.updateItem({ id: record.id, download });
        return;
      }
      // Not the URL's fault (e.g. the temp file could not be removed): this item fails, the run
      // goes on, and the message says what happened.
      const why = error instanceof Error ? error.message : String(error);
      recorder.finishItem({
        id: record.id,
        status: 'failed',
        error: `could not be downloaded: ${why}`,
        download,
      });
      return;
    } finally {
      busy.delete(lane);
    }
    const download: Partial<DownloadTimings> = {
      savedPath: result.ok ? result.savedPath : null,
      finalUrl: result.finalUrl,
      httpStatus: result.httpStatus,
      attempts: result.attempts,
      bytes: result.bytes,
      firstByteMs,
      endMs: clock.now(),
    };
    if (!result.ok) {
      recorder.finishItem({
        id: record.id,
        status: 'failed',
        error: withoutUrl(result.error, url),
        download,
      });
    } else if (!stage) {
      recorder.finishItem({
        id: record.id,
        status: 'ok',
        output: result.savedPath,
        bytesIn: result.bytes,
        download,
      });
    } else {
      // Queued for processing now; the fetcher moves on to the next URL at once.
      recorder.updateItem({
        id: record.id,
        bytesIn: result.bytes,
        queuedMs: clock.now(),
        download,
      });
      const saved = {
        itemId: record.id,
        path: result.savedPath,
        format: result.format,
        bytes: result.bytes,
      };
      const task = stage
        .process(saved, (workerId, workerStartMs) =>
          recorder.updateItem({ id: record.id, workerId, startMs: workerStartMs }),
        )
        .then(
          (update) => {
            if (update) recorder.finishItem(update);
          },
          (error: unknown) => {
            // Planning this one output failed (e.g. the folder became unwritable): the file is
            // saved, the item fails, the run goes on.
            const why = error instanceof Error ? error.message : String(error);
            recorder.finishItem({
              id: record.id,
              status: 'failed',
              error: `saved, but not processed: ${why}`,
            });
          },
        )
        .catch((error: unknown) => {
          // Only a fault of ours gets here (e.g. the store failed): stop the run and report it.
          fatal ??= error;
          cancel();
        })
        .finally(() => processing.delete(task));
      processing.add(task);
    }
  };

  const fetcher = async (lane: number): Promise<void> => {
    while (!cancelled && next < jobs.length) {
      const job = jobs[next++]!;
      await downloadOne(job, lane);
    }
  };

  const execute = async (): Promise<void> => {
    await Promise.all(Array.from({ length: lanes }, (_, lane) => fetcher(lane)));
    await Promise.all(processing);
    if (fatal) throw fatal;
    if (stage && !cancelled) await stage.pool.close();
  };

  const cancel = (): void => {
    if (cancelled) return;
    cancelled = true;
    controller.abort();
    void stage?.pool.cancel();
  };

  const finished = execute()
    .catch((error: unknown) => {
      // A fault of ours, not of a URL: stop everything cleanly, keep what was stored, report it.
      cancel();
      throw error;
    })
    .finally(async () => {
      await stage?.pool.cancel().catch(() => undefined);
      await Promise.all(
        [...(stage?.temps.values() ?? [])].map((temp) => rm(temp, { force: true })),
      );
      await removeStrayTemps(outDir, { runId: run.id }).catch(() => 0);
    })
    .then(() => {
      return recorder.finish(clock.end(cancelled ? 'cancelled' : 'completed', stage?.pool.stats()));
    });
  return { runId: run.id, finished, cancel };
}
