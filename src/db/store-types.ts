/**
 * The store's shape as the engine uses it. Implemented by `RunStore` (run-store.ts) on SQLite.
 */
import type {
  DownloadTimings,
  ItemRecord,
  ItemStatus,
  MachineInfo,
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

/** An item as planned (before it runs), or already decided (skipped, failed in planning). */
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

/** Fields of an item that change as it runs; `id` says which. */
export type ItemUpdate = { id: number } & Partial<
  Omit<ItemRecord, 'id' | 'runId' | 'seq' | 'source' | 'download'>
> & { download?: Partial<DownloadTimings> };

/** How a run ended. */
export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  wallMs: number;
  cpuMs: number;
  peakRssEngineBytes: number;
  peakRssWorkerBytes: number;
  peakRssTotalBytes: number;
}

/** Filters for listing runs, newest first. */
export interface RunFilter {
  limit?: number;
  kind?: RunKind;
  status?: RunStatus;
}
