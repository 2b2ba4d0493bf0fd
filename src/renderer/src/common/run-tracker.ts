/**
 * Follows runs as their events stream in, and tells the window at most once a frame.
 *
 * A 20,000-image run sends thousands of events; rendering on each would drown React. The tracker
 * folds every event into plain mutable state at once (cheap), and publishes a new immutable
 * snapshot only when the scheduler (requestAnimationFrame in the window) fires. Failures are an
 * append-only array shared between snapshots, read up to `failureCount`, so a frame never copies
 * thousands of rows.
 */
import type { AppEvent, DownloadProgress, EventPayloads } from '../../../shared/contract.js';
import type { RunKind, RunRecord, RunStatus, RunSummary } from '../../../shared/records.js';
import { missingCase } from '../../../shared/missing-case.js';

/** A failed item as the window lists it. */
export interface LiveFailure {
  source: string;
  error: string;
}

/** A finished item (ok or failed) as the window's output grid shows it. */
export interface LiveItem {
  seq: number;
  source: string;
  output: string | null;
  ok: boolean;
  error: string | null;
  bytesIn: number | null;
  bytesOut: number | null;
}

/** What the window knows about one run, as of the last frame. */
export interface LiveRun {
  runId: number;
  kind: RunKind | null;
  record: RunRecord | null;
  progress: EventPayloads['run:progress'] | null;
  /** Local clock (ms, the scheduler's `now`) when the last progress arrived, to tick elapsed between events. */
  progressAt: number | null;
  /** Append-only; read only the first `failureCount` entries. */
  failures: readonly LiveFailure[];
  failureCount: number;
  /** Append-only, in the order they finished; read only the first `finishedCount` entries. */
  finishedItems: readonly LiveItem[];
  finishedCount: number;
  /** Bytes in and out over the ok items with both sizes (the done banner's saving). */
  bytesIn: number;
  bytesOut: number;
  /** Items reported done so far through `item:done` (ok, failed or skipped). */
  itemsReported: number;
  /** Last item source reported, for "just finished …". */
  lastSource: string | null;
  finished: { summary: RunSummary; status: RunStatus } | null;
  /** Download runs: the latest live bytes (bytes so far, bytes/s, downloads in flight). */
  downloadProgress: DownloadProgress | null;
  /**
   * Whether `total` is final: a process run's scan may still be finding files (the total grows),
   * so no percentage or time left is honest until it is.
   */
  totalFinal: boolean;
  /** Download runs: items whose file was saved (downloaded), and of those, processed ok. */
  downloaded: number;
  processed: number;
  /** Download runs: the latest finished downloads that needed more than one attempt (newest last). */
  retried: readonly { url: string; attempts: number; status: string }[];
  /**
   * Download runs: bytes received so far per URL in flight, from the engine's
   * `download:progress` events (and `noteDownloadBytes`); a URL leaves it when its item is done.
   */
  bytesInFlight: ReadonlyMap<string, number>;
}

/** The tracker's published state. */
export interface TrackerSnapshot {
  version: number;
  /** Runs in the order they were first seen. */
  runs: readonly LiveRun[];
}

/** How the tracker defers work; the window passes requestAnimationFrame and performance.now. */
export interface TrackerScheduler {
  schedule(callback: () => void): void;
  now(): number;
}

interface MutableRun {
  runId: number;
  kind: RunKind | null;
  record: RunRecord | null;
  progress: EventPayloads['run:progress'] | null;
  progressAt: number | null;
  failures: LiveFailure[];
  finishedItems: LiveItem[];
  bytesIn: number;
  bytesOut: number;
  itemsReported: number;
  lastSource: string | null;
  finished: { summary: RunSummary; status: RunStatus } | null;
  downloadProgress: DownloadProgress | null;
  totalFinal: boolean;
  downloaded: number;
  processed: number;
  retried: { url: string; attempts: number; status: string }[];
  bytesInFlight: Map<string, number>;
  dirty: boolean;
  published: LiveRun | null;
}

/** Folds events into run state and publishes snapshots at most once per scheduled frame. */
export class RunTracker {
  private readonly runs = new Map<number, MutableRun>();
  private readonly order: number[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly finishListeners = new Set<(runId: number, status: RunStatus) => void>();
  private snapshot: TrackerSnapshot = { version: 0, runs: [] };
  private scheduled = false;

  constructor(private readonly scheduler: TrackerScheduler) {}

  /** Takes one event from the client. */
  handle(event: AppEvent): void {
    switch (event.name) {
      case 'run:started': {
        const r = this.run(event.payload.run.id);
        r.record = event.payload.run;
        r.kind = event.payload.run.kind;
        break;
      }
      case 'run:progress': {
        const r = this.run(event.payload.runId);
        r.progress = event.payload;
        r.kind = event.payload.kind;
        r.progressAt = this.scheduler.now();
        // Absent (an older engine): known for downloads, which list every URL at the start.
        r.totalFinal ||= event.payload.totalFinal ?? event.payload.kind === 'download';
        break;
      }
      case 'scan:finished': {
        const r = this.run(event.payload.runId);
        r.totalFinal = true;
        if (r.progress) r.progress = { ...r.progress, total: event.payload.total };
        break;
      }
      case 'item:done': {
        const r = this.run(event.payload.runId);
        for (const item of event.payload.items) {
          r.itemsReported += 1;
          r.lastSource = item.source;
          if (item.download) {
            r.bytesInFlight.delete(item.source);
            if (item.download.savedPath !== null) r.downloaded += 1;
            // A download's own output is its saved file; processing writes elsewhere.
            if (
              item.status === 'ok' &&
              item.output !== null &&
              item.output !== item.download.savedPath
            )
              r.processed += 1;
            if (item.download.attempts > 1) {
              r.retried.push({
                url: item.source,
                attempts: item.download.attempts,
                status: item.status,
              });
              if (r.retried.length > 5) r.retried.shift();
            }
          }
          if (item.status === 'ok' || item.status === 'failed') {
            r.finishedItems.push({
              seq: item.seq,
              source: item.source,
              output: item.output,
              ok: item.status === 'ok',
              error: item.error,
              bytesIn: item.bytesIn,
              bytesOut: item.bytesOut,
            });
            if (item.status === 'ok' && item.bytesIn !== null && item.bytesOut !== null) {
              r.bytesIn += item.bytesIn;
              r.bytesOut += item.bytesOut;
            }
          }
          if (item.status === 'failed')
            r.failures.push({
              source: item.source,
              error: item.error ?? 'failed for an unknown reason',
            });
        }
        break;
      }
      case 'run:finished': {
        const r = this.run(event.payload.summary.runId);
        r.finished = { summary: event.payload.summary, status: event.payload.status };
        r.kind = event.payload.summary.kind;
        // The summary's failure list is authoritative (it includes bad URL lines that never became items).
        if (event.payload.summary.failures.length > r.failures.length) {
          r.failures.length = 0;
          for (const f of event.payload.summary.failures)
            r.failures.push({ source: f.source, error: f.error });
        }
        for (const listener of this.finishListeners) listener(r.runId, event.payload.status);
        break;
      }
      case 'download:progress': {
        const r = this.run(event.payload.runId);
        r.downloadProgress = event.payload;
        if (!r.finished)
          for (const d of event.payload.downloads) r.bytesInFlight.set(d.source, d.bytes);
        break;
      }
      case 'sweep:progress':
      case 'sweep:finished':
        // A sweep's runs report with the run events above; the sweep itself is Tune's (use-tune).
        return;
      default:
        missingCase(event);
    }
    this.requestFlush();
  }

  /**
   * Takes a run's stored record, re-read after the engine was out of reach: a run the tracker
   * still thinks is running but the store says ended (an engine killed mid-run is marked
   * interrupted at its next start) is finished with the store's figures, so nothing stays
   * "running" that is not.
   */
  reconcile(record: RunRecord): void {
    const r = this.run(record.id);
    r.record = record;
    r.kind = record.kind;
    if (r.finished || record.status === 'running') return this.requestFlush();
    const items = {
      total: record.total,
      ok: record.ok,
      failed: record.failed,
      skipped: record.skipped,
    };
    r.totalFinal = true;
    r.finished = {
      status: record.status,
      summary: {
        runId: record.id,
        kind: record.kind,
        status: record.status,
        label: record.label,
        settings: record.settings,
        workers: record.workers,
        wallMs: record.wallMs,
        cpuMs: record.cpuMs,
        peakRssBytes: record.peakRssTotalBytes,
        items,
        bytesIn: record.bytesIn,
        bytesOut: record.bytesOut,
        failures: r.failures.map((f) => ({ ...f })),
        error: record.error,
        historyError: null,
      },
    };
    for (const listener of this.finishListeners) listener(r.runId, record.status);
    this.requestFlush();
  }

  /** Bytes received so far by one download in flight (as `download:progress` reports them). */
  noteDownloadBytes(runId: number, url: string, bytes: number): void {
    const r = this.run(runId);
    if (!r.finished) r.bytesInFlight.set(url, bytes);
    this.requestFlush();
  }

  /** Ids of runs the tracker still thinks are running. */
  unfinishedRunIds(): number[] {
    return this.order.filter((id) => !this.runs.get(id)!.finished);
  }

  /** Registers a run the window just started, so the live view has something to show at once. */
  expect(runId: number): void {
    this.run(runId);
    this.requestFlush();
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For useSyncExternalStore: the same object until the next frame's flush. */
  getSnapshot = (): TrackerSnapshot => this.snapshot;

  /** Called synchronously when a run finishes (even while frames are not running, e.g. a hidden tab). */
  onFinished(listener: (runId: number, status: RunStatus) => void): () => void {
    this.finishListeners.add(listener);
    return () => this.finishListeners.delete(listener);
  }

  /** How a run ended, if it has, as of now (not the last frame): for a caller that may have missed the event. */
  finishedStatus(runId: number): RunStatus | null {
    return this.runs.get(runId)?.finished?.status ?? null;
  }

  private run(runId: number): MutableRun {
    let r = this.runs.get(runId);
    if (!r) {
      r = {
        runId,
        kind: null,
        record: null,
        progress: null,
        progressAt: null,
        failures: [],
        finishedItems: [],
        bytesIn: 0,
        bytesOut: 0,
        itemsReported: 0,
        lastSource: null,
        finished: null,
        downloadProgress: null,
        totalFinal: false,
        downloaded: 0,
        processed: 0,
        retried: [],
        bytesInFlight: new Map(),
        dirty: true,
        published: null,
      };
      this.runs.set(runId, r);
      this.order.push(runId);
    }
    r.dirty = true;
    return r;
  }

  private requestFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.schedule(() => this.flush());
  }

  /** Publishes the state as one snapshot; public so a test can flush by hand. */
  flush(): void {
    this.scheduled = false;
    let changed = false;
    const runs = this.order.map((id) => {
      const r = this.runs.get(id)!;
      if (r.dirty || !r.published) {
        r.dirty = false;
        changed = true;
        r.published = {
          runId: r.runId,
          kind: r.kind,
          record: r.record,
          progress: r.progress,
          progressAt: r.progressAt,
          failures: r.failures,
          failureCount: r.failures.length,
          finishedItems: r.finishedItems,
          finishedCount: r.finishedItems.length,
          bytesIn: r.bytesIn,
          bytesOut: r.bytesOut,
          itemsReported: r.itemsReported,
          lastSource: r.lastSource,
          finished: r.finished,
          downloadProgress: r.downloadProgress,
          totalFinal: r.totalFinal,
          downloaded: r.downloaded,
          processed: r.processed,
          retried: [...r.retried],
          bytesInFlight: new Map(r.bytesInFlight),
        };
      }
      return r.published;
    });
    if (!changed) return;
    this.snapshot = { version: this.snapshot.version + 1, runs };
    for (const listener of this.listeners) listener();
  }
}

/** Counts of a live run: from the finish summary when there is one, else the latest progress. */
export function liveCounts(run: LiveRun): {
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  done: number;
} {
  const s = run.finished?.summary.items ??
    run.progress ?? { total: 0, ok: 0, failed: 0, skipped: 0 };
  return {
    total: s.total,
    ok: s.ok,
    failed: s.failed,
    skipped: s.skipped,
    done: s.ok + s.failed + s.skipped,
  };
}

/** Fraction done (0–1), or null while the total is not final (the scan is still finding files). */
export function liveFraction(run: LiveRun): number | null {
  const c = liveCounts(run);
  if (run.finished) return c.total > 0 ? Math.min(1, c.done / c.total) : 1;
  if (!run.totalFinal) return null;
  return c.total > 0 ? Math.min(1, c.done / c.total) : null;
}

/** Elapsed ms now: the last reported elapsed plus the local time since it arrived, while running. */
export function liveElapsedMs(run: LiveRun, now: number): number | null {
  if (run.finished) return run.finished.summary.wallMs ?? run.progress?.elapsedMs ?? null;
  if (!run.progress || run.progressAt === null) return null;
  return run.progress.elapsedMs + Math.max(0, now - run.progressAt);
}
