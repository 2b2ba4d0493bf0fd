/**
 * Rows ↔ records: SQLite's snake_case columns and JSON text to the camelCase records in
 * src/shared/records.ts, and the one table of which item field lives in which column.
 */
import type {
  ItemRecord,
  ItemStatus,
  MachineInfo,
  MachineShare,
  RunKind,
  RunRecord,
  RunSettings,
  RunStatus,
} from '../shared/records.js';
import type { RunEstimate } from '../shared/run-estimate.js';
import { withSettingsOfOlderRuns } from '../shared/stored-run-settings.js';
import type { ItemUpdate, NewItem } from './store-types.js';

/** A `runs` row as SQLite returns it. */
export interface RunRow {
  id: number;
  kind: string;
  status: string;
  label: string | null;
  started_at: string;
  finished_at: string | null;
  inputs_json: string;
  out_dir: string;
  settings_json: string;
  workers: number;
  threads: number;
  pipeline: string | null;
  machine_json: string;
  /** Schema 6; null for runs stored before it (and local runs): see `oneMachine`. */
  machines_json: string | null;
  wall_ms: number | null;
  cpu_ms: number | null;
  peak_rss_engine: number | null;
  peak_rss_worker: number | null;
  peak_rss_total: number | null;
  resumed_from: number | null;
  owner_pid: number;
  owner_host: string;
  error: string | null;
  sweep_id: number | null;
  estimate_json: string | null;
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  /** Schema 9, kept by triggers. */
  bytes_in: number;
  bytes_out: number;
}

/**
 * An `items` row: its columns and their types. The table's `id` is only the row's storage key
 * (an alias of the rowid): items are known by `(run_id, seq)`, so it is never read.
 */
export interface ItemRow {
  run_id: number;
  seq: number;
  source: string;
  output: string | null;
  status: string;
  error: string | null;
  bytes_in: number | null;
  bytes_out: number | null;
  width_in: number | null;
  height_in: number | null;
  width_out: number | null;
  height_out: number | null;
  worker_id: number | null;
  attempts: number;
  queued_ms: number | null;
  start_ms: number | null;
  end_ms: number | null;
  read_ms: number | null;
  ops_ms: number | null;
  encode_ms: number | null;
  frames: number | null;
  output_mtime_ms: number | null;
  saved_path: string | null;
  final_url: string | null;
  http_status: number | null;
  dl_attempts: number | null;
  dl_bytes: number | null;
  dl_queued_ms: number | null;
  dl_start_ms: number | null;
  dl_first_byte_ms: number | null;
  dl_end_ms: number | null;
}

/** A run row as a record. kind/status are trusted: CHECK constraints keep them in their unions. */
export function runFromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    label: row.label,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    // Our own writes, checked by json_valid; not re-validated so old runs stay readable when the
    // settings schema grows.
    inputs: JSON.parse(row.inputs_json) as string[],
    outDir: row.out_dir,
    settings: withSettingsOfOlderRuns(JSON.parse(row.settings_json) as RunSettings),
    workers: row.workers,
    threads: row.threads,
    pipeline: row.pipeline,
    machine: JSON.parse(row.machine_json) as MachineInfo,
    wallMs: row.wall_ms,
    cpuMs: row.cpu_ms,
    peakRssEngineBytes: row.peak_rss_engine,
    peakRssWorkerBytes: row.peak_rss_worker,
    peakRssTotalBytes: row.peak_rss_total,
    total: row.total,
    ok: row.ok,
    failed: row.failed,
    skipped: row.skipped,
    bytesIn: row.bytes_in,
    bytesOut: row.bytes_out,
    resumedFrom: row.resumed_from,
    error: row.error,
    // Stored since schema 6 when the run ended; older and unfinished runs have none.
    ...(row.machines_json ? { machines: JSON.parse(row.machines_json) as MachineShare[] } : {}),
    sweepId: row.sweep_id,
    estimate: row.estimate_json === null ? null : (JSON.parse(row.estimate_json) as RunEstimate),
  };
}

/**
 * Item columns in the order item reads select them. Items are read in raw mode (arrays, not
 * objects): better-sqlite3 builds 30-key row objects slowly; listing 20,000 items took
 * ~100-150 ms that way against ~60 ms raw, mapping included (measured).
 */
// prettier-ignore
export const ITEM_READ_COLUMNS = [
  'run_id', 'seq', 'source', 'output', 'status', 'error', 'bytes_in', 'bytes_out',
  'width_in', 'height_in', 'width_out', 'height_out', 'worker_id', 'attempts', 'queued_ms',
  'start_ms', 'end_ms', 'read_ms', 'ops_ms', 'encode_ms', 'saved_path', 'final_url',
  'http_status', 'dl_attempts', 'dl_bytes', 'dl_queued_ms', 'dl_start_ms', 'dl_first_byte_ms',
  'dl_end_ms', 'frames', 'output_mtime_ms',
] as const satisfies readonly (keyof ItemRow)[];

// Fails to compile if a column of ItemRow is missing from ITEM_READ_COLUMNS.
const _everyItemColumnRead: [Exclude<keyof ItemRow, (typeof ITEM_READ_COLUMNS)[number]>] extends [
  never,
]
  ? true
  : never = true;

const at = Object.fromEntries(ITEM_READ_COLUMNS.map((c, i) => [c, i])) as Record<
  keyof ItemRow,
  number
>;

/**
 * An item read in raw mode (values in ITEM_READ_COLUMNS order) as a record; `download` is null
 * for items that have no download stage.
 */
export function itemFromValues(values: readonly unknown[]): ItemRecord {
  const v = <K extends keyof ItemRow>(column: K) => values[at[column]] as ItemRow[K];
  const dlAttempts = v('dl_attempts');
  return {
    runId: v('run_id'),
    seq: v('seq'),
    source: v('source'),
    output: v('output'),
    status: v('status') as ItemStatus,
    error: v('error'),
    bytesIn: v('bytes_in'),
    bytesOut: v('bytes_out'),
    widthIn: v('width_in'),
    heightIn: v('height_in'),
    widthOut: v('width_out'),
    heightOut: v('height_out'),
    workerId: v('worker_id'),
    attempts: v('attempts'),
    queuedMs: v('queued_ms'),
    startMs: v('start_ms'),
    endMs: v('end_ms'),
    readMs: v('read_ms'),
    opsMs: v('ops_ms'),
    encodeMs: v('encode_ms'),
    frames: v('frames'),
    outputMtimeMs: v('output_mtime_ms'),
    download:
      dlAttempts === null
        ? null
        : {
            savedPath: v('saved_path'),
            finalUrl: v('final_url'),
            httpStatus: v('http_status'),
            attempts: dlAttempts,
            bytes: v('dl_bytes'),
            queuedMs: v('dl_queued_ms'),
            startMs: v('dl_start_ms'),
            firstByteMs: v('dl_first_byte_ms'),
            endMs: v('dl_end_ms'),
          },
  };
}

/** Named parameters of the item insert. */
export function newItemParams(runId: number, item: NewItem, hasDownload: boolean) {
  return {
    run_id: runId,
    seq: item.seq,
    source: item.source,
    output: item.output,
    status: item.status,
    error: item.error,
    bytes_in: item.bytesIn,
    queued_ms: item.queuedMs ?? null,
    // A download run's items have a download stage from the start (attempts 0, nothing yet).
    dl_attempts: hasDownload ? 0 : null,
  };
}

type TopField = Exclude<keyof ItemUpdate, 'seq' | 'download'>;
type DownloadField = keyof NonNullable<ItemUpdate['download']>;

/** Column of each updatable top-level item field. The only source of column names in updates. */
export const ITEM_COLUMNS: Readonly<Record<TopField, string>> = {
  output: 'output',
  status: 'status',
  error: 'error',
  bytesIn: 'bytes_in',
  bytesOut: 'bytes_out',
  widthIn: 'width_in',
  heightIn: 'height_in',
  widthOut: 'width_out',
  heightOut: 'height_out',
  workerId: 'worker_id',
  attempts: 'attempts',
  queuedMs: 'queued_ms',
  startMs: 'start_ms',
  endMs: 'end_ms',
  readMs: 'read_ms',
  opsMs: 'ops_ms',
  encodeMs: 'encode_ms',
  frames: 'frames',
  outputMtimeMs: 'output_mtime_ms',
};

/** Column of each updatable download field. */
export const DOWNLOAD_COLUMNS: Readonly<Record<DownloadField, string>> = {
  savedPath: 'saved_path',
  finalUrl: 'final_url',
  httpStatus: 'http_status',
  attempts: 'dl_attempts',
  bytes: 'dl_bytes',
  queuedMs: 'dl_queued_ms',
  startMs: 'dl_start_ms',
  firstByteMs: 'dl_first_byte_ms',
  endMs: 'dl_end_ms',
};
