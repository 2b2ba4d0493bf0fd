/**
 * Records a run as it happens: item results are written to the store in batched transactions
 * (so a killed process loses only the items in flight) and announced as batched events; progress
 * is announced a few times a second. Shared by process and download runs.
 */
import type { AppEvent, WorkerActivity } from '../shared/contract.js';
import type { ItemRecord, RunKind, RunRecord, RunSummary } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import type { ItemUpdate, NewItem, RunEnd } from '../db/store-types.js';

const FLUSH_EVERY_MS = 100;
const FLUSH_EVERY_ITEMS = 500;
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
  /** Items planned but not finished, by id: only these are held in memory. */
  private readonly open = new Map<number, ItemRecord>();
  private pendingUpdates: ItemUpdate[] = [];
  private pendingEvents: ItemRecord[] = [];
  private readonly flushTimer: NodeJS.Timeout;
  private readonly progressTimer: NodeJS.Timeout;
  private seq = 0;

  constructor(
    private readonly store: RunStore,
    readonly run: RunRecord,
    private readonly emit: (event: AppEvent) => void,
    private readonly now: () => number,
    private readonly activity: () => WorkerActivity[],
  ) {
    this.flushTimer = setInterval(() => this.flush(), FLUSH_EVERY_MS);
    this.progressTimer = setInterval(() => this.emitProgress(), PROGRESS_EVERY_MS);
    this.emit({ name: 'run:started', payload: { run } });
  }

  get runId(): number {
    return this.run.id;
  }

  get kind(): RunKind {
    return this.run.kind;
  }

  /** Adds items; those still `pending` stay open until `finishItem`. Returns their records. */
  addItems(items: Omit<NewItem, 'seq'>[]): ItemRecord[] {
    if (items.length === 0) return [];
    const queuedMs = this.now();
    const numbered = items.map((item) => ({ ...item, seq: this.seq++, queuedMs }));
    const ids = this.store.addItems(this.run.id, numbered);
    return numbered.map((item, index) => {
      const record = blankItem(this.run.id, ids[index]!, item, queuedMs);
      this.counts.total++;
      if (item.status === 'pending') {
        this.open.set(record.id, record);
      } else {
        this.count(record);
        this.pendingEvents.push(record);
      }
      return record;
    });
  }

  /** Applies an update to an open item without finishing it (e.g. started on a worker). */
  updateItem(update: ItemUpdate): void {
    const record = this.open.get(update.id);
    if (record) merge(record, update);
    this.pendingUpdates.push(update);
  }

  /** Finishes an open item with its final fields (status must be ok, failed or skipped). */
  finishItem(update: ItemUpdate): ItemRecord | null {
    const record = this.open.get(update.id);
    this.pendingUpdates.push(update);
    if (!record) return null;
    merge(record, update);
    this.open.delete(update.id);
    this.count(record);
    this.pendingEvents.push(record);
    if (this.pendingUpdates.length >= FLUSH_EVERY_ITEMS) this.flush();
    return record;
  }

  /** Items still open (in flight or queued). */
  openItems(): ItemRecord[] {
    return [...this.open.values()];
  }

  /** Writes buffered updates in one transaction and announces finished items. */
  flush(): void {
    if (this.pendingUpdates.length > 0) {
      const updates = this.pendingUpdates;
      this.pendingUpdates = [];
      this.store.updateItems(updates);
    }
    if (this.pendingEvents.length > 0) {
      const items = this.pendingEvents;
      this.pendingEvents = [];
      this.emit({ name: 'item:done', payload: { runId: this.run.id, items } });
    }
  }

  /** Ends the run: flushes, stores how it ended and announces the summary. */
  finish(end: RunEnd): RunSummary {
    clearInterval(this.flushTimer);
    clearInterval(this.progressTimer);
    this.flush();
    this.emitProgress();
    const run = this.store.finishRun(this.run.id, end);
    const summary = summarizeRun(run, this.store);
    this.emit({ name: 'run:finished', payload: { summary, status: run.status } });
    return summary;
  }

  private count(record: ItemRecord): void {
    if (record.status === 'ok') this.counts.ok++;
    else if (record.status === 'failed') this.counts.failed++;
    else if (record.status === 'skipped') this.counts.skipped++;
    this.counts.bytes += record.download?.bytes ?? 0;
  }

  private emitProgress(): void {
    const elapsedMs = this.now();
    const done = this.counts.ok + this.counts.failed + this.counts.skipped;
    const rate = elapsedMs > 0 ? (this.counts.ok + this.counts.failed) / (elapsedMs / 1000) : 0;
    const left = this.counts.total - done;
    this.emit({
      name: 'run:progress',
      payload: {
        runId: this.run.id,
        kind: this.run.kind,
        ...this.counts,
        elapsedMs,
        itemsPerSecond: rate,
        etaMs: rate > 0 ? (left / rate) * 1000 : null,
        workers: this.activity(),
      },
    });
  }
}

/** What `--json` prints and `run:finished` carries, from the stored run. */
export function summarizeRun(run: RunRecord, store: RunStore): RunSummary {
  const failures = store
    .itemsWithStatus(run.id, ['failed'])
    .map((item) => ({ source: item.source, error: item.error ?? 'failed' }));
  return {
    runId: run.id,
    kind: run.kind,
    status: run.status,
    label: run.label,
    settings: run.settings,
    workers: run.workers,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    peakRssBytes: run.peakRssTotalBytes,
    items: { total: run.total, ok: run.ok, failed: run.failed, skipped: run.skipped },
    failures,
  };
}

function blankItem(runId: number, id: number, item: NewItem, queuedMs: number): ItemRecord {
  return {
    id,
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
    queuedMs,
    startMs: null,
    endMs: null,
    readMs: null,
    opsMs: null,
    encodeMs: null,
    download: null,
  };
}

function merge(record: ItemRecord, update: ItemUpdate): void {
  const { id: _id, download, ...rest } = update;
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
