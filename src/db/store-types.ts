/**
 * The store's shape as the engine uses it. Implemented by `RunStore` (run-store.ts) on SQLite.
 */
import type {
  DownloadTimings,
  ItemRecord,
  ItemStatus,
  MachineInfo,
  MachineShare,
  RunKind,
  RunSettings,
  RunStatus,
} from '../shared/records.js';

/** A run about to start. */
export interface NewRun {
  kind: RunKind;
  label: string | null;
  inputs: string[];
  outDir: string;
  settings: RunSettings;
  workers: number;
  threads: number;
  pipeline: string | null;
  machine: MachineInfo;
  resumedFrom: number | null;
}

/**
 * An item as planned (before it runs), or already decided (skipped, failed in planning). The
 * engine numbers items itself (`seq`, unique within the run), so it never waits on the store.
 */
export interface NewItem {
  seq: number;
  source: string;
  output: string | null;
  status: ItemStatus;
  error: string | null;
  bytesIn: number | null;
  /** When it was queued, ms after the run's start (written with the insert, not by an update). */
  queuedMs?: number | null;
}

/**
 * Fields of an item that change as it runs; `seq` says which item of the run. A field left
 * undefined is left alone; null clears it.
 */
export type ItemUpdate = { seq: number } & Partial<
  Omit<ItemRecord, 'runId' | 'seq' | 'source' | 'download'>
> & { download?: Partial<DownloadTimings> };

/** How a run ended. */
export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  /** Why it failed, in words: required for `failed`, null for every other ending. */
  error: string | null;
  wallMs: number;
  cpuMs: number;
  peakRssEngineBytes: number;
  peakRssWorkerBytes: number;
  peakRssTotalBytes: number;
  /**
   * The machine as known at the end (the image library's versions arrive with the first
   * worker); absent: what was stored at the start stays.
   */
  machine?: MachineInfo;
  /** Which machines did the work (the recorder says this computer when the dispatcher does not). */
  machines?: MachineShare[];
  /** Worker lanes that really served the run (a queue run's); absent: the count it started with. */
  workers?: number;
}

/** Filters for listing runs, newest first. */
export interface RunFilter {
  limit?: number;
  kind?: RunKind;
  status?: RunStatus;
}

/**
 * Writes of one running run, stored in one transaction in this order: new items, then updates
 * (which may name the items inserted just before), then the run's end.
 */
export interface RunWriteBatch {
  items?: readonly NewItem[];
  updates?: readonly ItemUpdate[];
  end?: RunEnd | null;
}

/** How `RunStore.writeBatch` waits for the write lock. */
export interface WriteBatchOptions {
  /**
   * Longest wait for another connection's write lock, in ms, instead of the connection's busy
   * timeout: better-sqlite3 waits synchronously, so a long wait freezes the whole process.
   */
  busyTimeoutMs?: number;
}
