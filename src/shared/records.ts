/**
 * Stored records of runs and items, as every shell (CLI, desktop, web) reads them.
 */
import * as z from 'zod';
import type { RunEstimate } from './run-estimate.js';
import { downloadSettingsSchema, processSettingsSchema } from './settings.js';

/** What a run does. */
export const RUN_KINDS = ['process', 'download'] as const;
/** What a run does. */
export type RunKind = (typeof RUN_KINDS)[number];

/**
 * Life of a run. `interrupted`: its process died while it was `running` (set when the store next
 * opens). `cancelled`: the user stopped it. `failed`: the run itself broke (not an image: a fault
 * of the engine, the disk or the store); `RunRecord.error` says why in words.
 */
export const RUN_STATUSES = ['running', 'completed', 'cancelled', 'failed', 'interrupted'] as const;
/** Life of a run. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Outcome of an item. `pending` only while the run goes on (or for an interrupted run). */
export const ITEM_STATUSES = ['pending', 'ok', 'failed', 'skipped'] as const;
/** Outcome of an item. */
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The machine a run ran on, so timings from different machines are not compared blindly. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  sharp: string;
  libvips: string;
}

/** Settings stored with a run: process settings, download settings, or both (download → process). */
export const runSettingsSchema = z.object({
  process: processSettingsSchema.nullable(),
  download: downloadSettingsSchema.nullable(),
});
/** Settings stored with a run. */
export type RunSettings = z.infer<typeof runSettingsSchema>;

/**
 * One machine's part in a run: a queue run's `photobatch worker`s, or this computer for a local
 * run. `laneIds` are the run's lane numbers (items' `workerId`) that were this machine's.
 */
export interface MachineShare {
  name: string;
  host: string;
  lanes: number;
  ok: number;
  failed: number;
  cpuMs: number;
  laneIds: number[];
}

/** A run as stored. Times are milliseconds; sizes bytes. */
export interface RunRecord {
  id: number;
  kind: RunKind;
  status: RunStatus;
  label: string | null;
  /** ISO 8601 start time. */
  startedAt: string;
  /** ISO 8601 end time, null while running or when interrupted. */
  finishedAt: string | null;
  /** Input folders/files (process) or the URL list's name (download). */
  inputs: string[];
  outDir: string;
  settings: RunSettings;
  workers: number;
  threads: number;
  pipeline: string | null;
  machine: MachineInfo;
  wallMs: number | null;
  /** CPU time of the engine and all its workers. */
  cpuMs: number | null;
  peakRssEngineBytes: number | null;
  /** Largest RSS seen in any one worker. */
  peakRssWorkerBytes: number | null;
  /** Sum of the workers' peak RSS plus the engine's: what the run held at most, roughly. */
  peakRssTotalBytes: number | null;
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  /**
   * Bytes of the inputs and of the outputs of the items that count toward the run's size
   * (`countsTowardSize` in savings.ts: ok, both sizes known); 0 and 0 when none did.
   */
  bytesIn: number;
  bytesOut: number;
  /** The run this one resumed, if any. */
  resumedFrom: number | null;
  /** Why the run failed (status `failed`), in words; null otherwise. */
  error: string | null;
  /** The machines that did its work (absent in records made before machines were stored). */
  machines?: MachineShare[];
  /** The sweep this run is one combination of (`photobatch sweep`), if any. */
  sweepId: number | null;
  /** What was predicted for it when it started (process runs with a comparable history). */
  estimate: RunEstimate | null;
}

/**
 * One image (or URL) of a run. Times are ms relative to the run's start. An item is known by
 * `(runId, seq)`: the engine numbers items itself, so it never waits on the database for an id.
 */
export interface ItemRecord {
  runId: number;
  /** Order in which the item was planned; unique within its run. */
  seq: number;
  /** Input path, or URL for downloads. */
  source: string;
  /** Path of the processed output, if any. */
  output: string | null;
  status: ItemStatus;
  error: string | null;
  bytesIn: number | null;
  bytesOut: number | null;
  widthIn: number | null;
  heightIn: number | null;
  widthOut: number | null;
  heightOut: number | null;
  workerId: number | null;
  attempts: number;
  queuedMs: number | null;
  startMs: number | null;
  endMs: number | null;
  readMs: number | null;
  opsMs: number | null;
  encodeMs: number | null;
  /** Frames the input had (animated GIF/WebP: only the first is processed); null until processed. */
  frames?: number | null;
  /** The output's modification time (ms since the epoch) when it was written, so a resume can tell it is still there unchanged. */
  outputMtimeMs?: number | null;
  /** Download stage (download runs only). */
  download: DownloadTimings | null;
}

/** The download stage of an item, WebPageTest-style. */
export interface DownloadTimings {
  savedPath: string | null;
  finalUrl: string | null;
  httpStatus: number | null;
  attempts: number;
  bytes: number | null;
  queuedMs: number | null;
  startMs: number | null;
  firstByteMs: number | null;
  endMs: number | null;
}

/** What `--json` prints for a run, and what `run:finished` carries. */
export interface RunSummary {
  runId: number;
  kind: RunKind;
  status: RunStatus;
  label: string | null;
  settings: RunSettings;
  workers: number;
  wallMs: number | null;
  cpuMs: number | null;
  peakRssBytes: number | null;
  /** `keptOriginal`: ok items whose original `--only-smaller` kept (present with --only-smaller). */
  items: { total: number; ok: number; failed: number; skipped: number; keptOriginal?: number };
  /** Bytes in and out of the items that count toward the run's size, as in `RunRecord`. */
  bytesIn: number;
  bytesOut: number;
  failures: { source: string; error: string }[];
  /** Why the run failed (status `failed`), in words; null otherwise. */
  error: string | null;
  /**
   * Null when the run and all its items are in the history; otherwise why they could not be
   * saved (e.g. the database stayed locked by another program), naming the database file.
   */
  historyError: string | null;
  /** The machines that did its work. */
  machines?: MachineShare[];
}
