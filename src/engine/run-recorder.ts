/**
 * Records a run as it happens: items are numbered here (`seq`), so nothing waits on the database;
 * their rows go to the store through the run's `RunWriter` (batched, and kept in memory while
 * another program holds the database), and finished items are announced as batched events;
 * progress is announced a few times a second. Counts and failures are kept in memory, so the
 * summary is right even when the history could not be saved. Shared by every kind of run.
 */
import type { AppEvent, WorkerActivity } from '../shared/contract.js';
import type { ItemRecord, RunRecord, RunSummary } from '../shared/records.js';
import os from 'node:os';
import { liveProgressFigures, oneMachine } from '../shared/run-figures.js';
import { addToSizeTotals } from '../shared/savings.js';
import type { SizeTotals } from '../shared/savings.js';
import type { RunWriter } from '../db/run-writer.js';
import type { ItemUpdate, NewItem, RunEnd } from '../db/store-types.js';
import { isKeptOriginalNote } from '../shared/kept-original.js';

const EVENTS_EVERY_MS = 100;
const PROGRESS_EVERY_MS = 250;

/** Counts of a run so far. */
export interface RunCounts {
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  bytes: number;
}

/** Records one run. */
export class RunRecorder {
  readonly counts: RunCounts = { total: 0, ok: 0, failed: 0, skipped: 0, bytes: 0 };
  /** Bytes in and out of the settled items that count toward the run's size. */
  readonly sizes: SizeTotals = { bytesIn: 0, bytesOut: 0 };
  /** Items planned but not finished, by seq: only these are held in memory. */
  private readonly open = new Map<number, ItemRecord>();
  /** Failed items as they ended; the summary lists them in planned order. */
  private readonly failures: { seq: number; source: string; error: string }[] = [];
  private pendingEvents: ItemRecord[] = [];
  private readonly eventTimer: NodeJS.Timeout;
  private readonly progressTimer: NodeJS.Timeout;
  private seq = 0;
  /** Ok items whose original only-smaller kept. */
  private keptOriginals = 0;
  /** Whether `counts.total` is final. Download runs plan every line at once; process runs scan. */
  private totalFinal: boolean;

  constructor(
    readonly run: RunRecord,
    private readonly writer: RunWriter,
    private readonly emit: (event: AppEvent) => void,
    private readonly now: () => number,
    private readonly activity: () => WorkerActivity[],
  ) {
    this.totalFinal = run.kind !== 'process';
    this.eventTimer = setInterval(() => this.announceItems(), EVENTS_EVERY_MS);
    this.progressTimer = setInterval(() => this.emitProgress(), PROGRESS_EVERY_MS);
    this.emit({ name: 'run:started', payload: { run } });
  }

  /** Adds items; those still `pending` stay open until `finishItem`. Returns their records. */
  addItems(items: Omit<NewItem, 'seq'>[]): ItemRecord[] {
    if (items.length === 0) return [];
    const queuedMs = this.now();
    const numbered = items.map((item) => ({ queuedMs, ...item, seq: this.seq++ }));
    this.writer.addItems(numbered);
    return numbered.map((item) => {
      const record = blankItem(this.run.id, item);
      this.counts.total++;
      if (item.status === 'pending') this.open.set(record.seq, record);
      else this.settle(record);
      return record;
    });
  }

  /** Applies an update to an open item without finishing it (e.g. its download started). */
  updateItem(update: ItemUpdate): void {
    const record = this.open.get(update.seq);
    if (record) merge(record, update);
    this.writer.updateItem(update);
  }

  /** Finishes an open item with its final fields (status must be ok, failed or skipped). */
  finishItem(update: ItemUpdate): ItemRecord | null {
    this.writer.updateItem(update);
    const record = this.open.get(update.seq);
    if (!record) return null;
    merge(record, update);
    this.open.delete(update.seq);
    this.settle(record);
    return record;
  }

  /** The scan has ended: the total is final. Announced once, so a window can show a real percentage. */
  scanFinished(): void {
    if (this.totalFinal) return;
    this.totalFinal = true;
    this.emit({ name: 'scan:finished', payload: { runId: this.run.id, total: this.counts.total } });
  }

  /**
   * Ends the run: stores how it ended (waiting while the database is locked, up to the writer's
   * limit), announces the summary and returns it. Never throws.
   */
  async finish(end: RunEnd): Promise<RunSummary> {
    clearInterval(this.eventTimer);
    clearInterval(this.progressTimer);
    this.announceItems();
    this.emitProgress();
    // A run that did not say which machines did its work ran on this one.
    end = {
      ...end,
      machines:
        end.machines ??
        oneMachine(os.hostname(), { workers: this.run.workers, ...this.counts, cpuMs: end.cpuMs }),
    };
    const saved = await this.writer.finish(end);
    const summary: RunSummary = {
      runId: this.run.id,
      kind: this.run.kind,
      status: end.status,
      label: this.run.label,
      settings: this.run.settings,
      workers: end.workers ?? this.run.workers,
      wallMs: end.wallMs,
      cpuMs: end.cpuMs,
      peakRssBytes: end.peakRssTotalBytes,
      items: {
        total: this.counts.total,
        ok: this.counts.ok,
        failed: this.counts.failed,
        skipped: this.counts.skipped,
        // Only runs that asked for --only-smaller count kept originals.
        ...(this.run.settings.process?.onlySmaller ? { keptOriginal: this.keptOriginals } : {}),
      },
      bytesIn: this.sizes.bytesIn,
      bytesOut: this.sizes.bytesOut,
      failures: this.failures
        .sort((a, b) => a.seq - b.seq)
        .map(({ source, error }) => ({ source, error })),
      error: end.error,
      historyError: saved.saved ? null : saved.reason,
      machines: end.machines ?? [],
    };
    this.emit({ name: 'run:finished', payload: { summary, status: summary.status } });
    return summary;
  }

  private settle(record: ItemRecord): void {
    if (record.status === 'ok') {
      this.counts.ok++;
      if (isKeptOriginalNote(record.error)) this.keptOriginals++;
    } else if (record.status === 'failed') {
      this.counts.failed++;
      this.failures.push({
        seq: record.seq,
        source: record.source,
        error: record.error ?? 'failed',
      });
    } else if (record.status === 'skipped') this.counts.skipped++;
    this.counts.bytes += record.download?.bytes ?? 0;
    addToSizeTotals(this.sizes, record);
    this.pendingEvents.push(record);
  }

  private announceItems(): void {
    if (this.pendingEvents.length === 0) return;
    const items = this.pendingEvents;
    this.pendingEvents = [];
    this.emit({ name: 'item:done', payload: { runId: this.run.id, items } });
  }

  private emitProgress(): void {
    const elapsedMs = this.now();
    this.emit({
      name: 'run:progress',
      payload: {
        runId: this.run.id,
        kind: this.run.kind,
        ...this.counts,
        elapsedMs,
        ...liveProgressFigures(this.counts, elapsedMs),
        workers: this.activity(),
        totalFinal: this.totalFinal,
      },
    });
  }
}

function blankItem(runId: number, item: NewItem): ItemRecord {
  return {
    runId,
    seq: item.seq,
    source: item.source,
    output: item.output,
    status: item.status,
    error: item.error,
    bytesIn: item.bytesIn,
    bytesOut: null,
    widthIn: null,
    heightIn: null,
    widthOut: null,
    heightOut: null,
    workerId: null,
    attempts: 0,
    queuedMs: item.queuedMs ?? null,
    startMs: null,
    endMs: null,
    readMs: null,
    opsMs: null,
    encodeMs: null,
    frames: null,
    outputMtimeMs: null,
    download: null,
  };
}

function merge(record: ItemRecord, update: ItemUpdate): void {
  const { seq: _seq, download, ...rest } = update;
  Object.assign(record, rest);
  if (download) {
    record.download = {
      savedPath: null,
      finalUrl: null,
      httpStatus: null,
      attempts: 0,
      bytes: null,
      queuedMs: null,
      startMs: null,
      firstByteMs: null,
      endMs: null,
      ...(record.download ?? {}),
      ...download,
    };
  }
}
