/**
 * The one contract between the window (renderer) and whichever shell hosts the engine
 * (Electron main over IPC, or the web shell over a WebSocket). Commands are request/response;
 * events are a stream. Every receiving side validates command input with `commandSchemas`.
 */
import * as z from 'zod';
import { downloadSettingsSchema, processSettingsSchema } from './settings.js';
import type { DownloadSettings, ProcessSettings } from './settings.js';
import type { ItemRecord, RunKind, RunRecord, RunStatus, RunSummary } from './records.js';
import { RUN_KINDS, RUN_STATUSES } from './records.js';
import type { RunComparison } from './compare-runs.js';
import type { WorkerRecommendation } from './recommendation.js';
import type { RunEstimate } from './run-estimate.js';
import type { PictureRequest, PreviewResult, SelectionPhotos } from './pictures.js';
import type { FileSide } from './run-file-paths.js';
import type { SweepCombination, SweepResult, TunedChoice } from './sweep-result.js';
import { presetSettingsSchema } from './presets.js';
import type { Preset, PresetImport } from './presets.js';

const runId = z.number().int().positive();

/** Runtime schemas of every command's input, keyed by command name (`group:action`). */
export const commandSchemas = {
  'process:start': z.object({
    inputs: z.array(z.string().min(1)).min(1).max(10_000),
    /** Null: a sibling `<first input>-photobatch` folder. */
    outDir: z.string().min(1).nullable(),
    settings: processSettingsSchema.partial(),
    label: z.string().max(200).nullable(),
    /** Run through a queue (`process --queue`): other machines' `photobatch worker`s do the work. */
    queue: z
      .object({
        url: z.string().min(1).max(2000),
        /** Worker processes of this computer on the same queue too (`--local-workers`). */
        localWorkers: z.number().int().min(0).max(64),
      })
      .nullable()
      .optional(),
  }),
  'download:start': z.object({
    /** The pasted text: one URL a line, `#` comments and blank lines ignored. */
    urls: z.string().max(10_000_000),
    outDir: z.string().min(1).nullable(),
    settings: downloadSettingsSchema.partial(),
    /** Process each file as soon as it is saved, with these settings; null: download only. */
    process: processSettingsSchema.partial().nullable(),
    label: z.string().max(200).nullable(),
  }),
  'run:cancel': z.object({ runId }),
  'runs:list': z.object({
    limit: z.number().int().min(1).max(10_000).optional(),
    kind: z.enum(RUN_KINDS).optional(),
    status: z.enum(RUN_STATUSES).optional(),
  }),
  'runs:get': z.object({ runId }),
  'runs:compare': z.object({ runIds: z.array(runId).min(1).max(20), baseline: runId.optional() }),
  'runs:delete': z.object({ runId }),
  'runs:rerun': z.object({ runId, workers: processSettingsSchema.shape.workers.optional() }),
  /**
   * Continues a run as a new run linked to it: a cancelled, failed or interrupted process run
   * (only the images not yet done), or a download run that did not save every URL.
   */
  'runs:resume': z.object({ runId }),
  /** Scans inputs without processing them: what a run of them would do, before Start. */
  'inputs:check': z.object({ inputs: z.array(z.string().min(1)).min(1).max(10_000) }),
  'settings:get': z.object({}),
  'settings:set': z.object({
    process: processSettingsSchema.partial().optional(),
    download: downloadSettingsSchema.partial().optional(),
    /** Download's "process after download" options (never the Process screen's). */
    downloadProcess: processSettingsSchema.partial().optional(),
  }),
  'inputs:estimate': z.object({
    inputs: z.array(z.string().min(1)).min(1).max(10_000),
    settings: processSettingsSchema.partial(),
  }),
  /** Lists the photos a run of these inputs would process (for the grid), with their totals. */
  'inputs:photos': z.object({ inputs: z.array(z.string().min(1)).min(1).max(10_000) }),
  /** The settings on one photo of a listed selection, made in a worker; nothing written. */
  'preview:make': z.object({
    selectionId: z.string().min(1).max(64),
    index: z.number().int().nonnegative(),
    settings: processSettingsSchema.partial(),
  }),
  /**
   * Tune: runs a sweep (`photobatch sweep`'s engine) on a sample of the chosen photos or pasted
   * URLs, once per worker count or concurrency; its runs report as any run, the sweep with
   * `sweep:progress` and `sweep:finished`. Its best combination becomes the window's default.
   */
  'sweep:start': z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('process'),
      inputs: z.array(z.string().min(1)).min(1).max(10_000),
      settings: processSettingsSchema.partial(),
    }),
    z.object({
      kind: z.literal('download'),
      urls: z.string().max(10_000_000),
      settings: downloadSettingsSchema.partial(),
    }),
  ]),
  'sweep:cancel': z.object({ sweepId: runId }),
  /** The newest sweep of each kind on this computer, and what Tune left as the defaults. */
  'sweeps:latest': z.object({}),
  /** The workers connected to a queue now, by name (or what is wrong with it, in words). */
  'queue:workers': z.object({ url: z.string().min(1).max(2000) }),
  'dialog:pickFolder': z.object({}),
  'shell:openPath': z.object({ path: z.string().min(1) }),
  /** A new run, linked to this one, of just its failed items (process runs). */
  'runs:retryFailed': z.object({ runId }),
  /** Desktop: shows an item's output selected in the file manager (only a run's own output). */
  'shell:showItem': z.object({ runId, seq: z.number().int().nonnegative() }),
  /** Desktop: opens a run's output folder in the file manager. */
  'shell:openOutputFolder': z.object({ runId }),
  /** The presets: built in first, then the user's (src/shared/presets.ts). */
  'presets:list': z.object({}),
  /** Saves the user's preset `name` (refused for a built-in's name; replaces only with `replace`). */
  'presets:save': z.object({
    name: z.string().max(200),
    settings: presetSettingsSchema,
    replace: z.boolean().optional(),
  }),
  'presets:rename': z.object({ from: z.string().max(200), to: z.string().max(200) }),
  'presets:delete': z.object({ name: z.string().max(200) }),
  /** Adds the presets of an export file's text; those named like one of yours stay unless `replace`. */
  'presets:import': z.object({ text: z.string().max(2_000_000), replace: z.boolean().optional() }),
  /** The export file's text of the presets named, or of all the user's. */
  'presets:export': z.object({ names: z.array(z.string().max(200)).max(1000).optional() }),
} as const;

/** Name of a command. */
export type CommandName = keyof typeof commandSchemas;
/** Input of command K. */
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

/** Settings the window starts from (remembered between runs). */
export interface AppSettings {
  process: ProcessSettings;
  download: DownloadSettings;
  /** Download's "process after download" options, remembered apart from the Process screen's. */
  downloadProcess?: ProcessSettings;
  /** The run whose start last chose `process` (shown as "from run #7"); null: none. */
  processFromRun?: number | null;
  cores: number;
  /** Where outputs and uploads go when not chosen. */
  dataDir: string;
  /** `electron` or `web`: what the host can do (native folder picker, open folder…). */
  host: 'electron' | 'web';
  /** Web shell: the largest upload it accepts, so the window can refuse before sending. Electron: null. */
  uploadLimits: UploadLimits | null;
}

/** Size limits of the web shell's uploads, in bytes. */
export interface UploadLimits {
  /** Largest single file. */
  fileBytes: number;
  /** Largest upload (all files of one drop or pick together). */
  totalBytes: number;
}

/** What a scan of inputs found (`inputs:check`): photos to process, and what would be skipped. */
export interface InputsCheck {
  /** Photos a run would process. */
  images: number;
  /** Files a run would skip or fail, grouped by reason; `names` lists at most the first few. */
  skipped: { reason: string; count: number; names: string[] }[];
  /** An input that is missing or unreadable, in words naming it; null when all could be read. */
  problem: string | null;
  /** False when the scan stopped at its limit: `images` is then "at least". */
  complete: boolean;
}

/**
 * What a run of these inputs would take here, before Start (`inputs:estimate`): its images and
 * megapixels, the estimate from past runs (or why there is none), and what the newest sweep on
 * this machine recommends.
 */
export interface InputsEstimateResult {
  images: number;
  megapixels: number;
  estimate: RunEstimate;
  recommendation: WorkerRecommendation | null;
}

/** Result of each command. */
export interface CommandResults {
  'process:start': { runId: number };
  'download:start': { runId: number };
  'run:cancel': { cancelled: boolean };
  'runs:list': { runs: RunRecord[] };
  'runs:get': { run: RunRecord; items: ItemRecord[] };
  'runs:compare': RunComparison;
  'runs:delete': { deleted: boolean };
  'runs:rerun': { runId: number };
  'runs:resume': { runId: number };
  'inputs:check': InputsCheck;
  'settings:get': AppSettings;
  'settings:set': AppSettings;
  'inputs:estimate': InputsEstimateResult;
  'sweep:start': { sweepId: number; combinations: SweepCombination[]; sample: number };
  'sweep:cancel': { cancelled: boolean };
  'sweeps:latest': LatestSweeps;
  'queue:workers': QueueWorkers;
  'dialog:pickFolder': { path: string | null };
  'shell:openPath': { opened: boolean };
  'inputs:photos': SelectionPhotos;
  'preview:make': PreviewResult;
  'runs:retryFailed': { runId: number };
  'shell:showItem': { shown: boolean };
  'shell:openOutputFolder': { opened: boolean };
  'presets:list': { presets: Preset[] };
  'presets:save': { preset: Preset; presets: Preset[] };
  'presets:rename': { preset: Preset; presets: Preset[] };
  'presets:delete': { presets: Preset[] };
  'presets:import': PresetImport & { presets: Preset[] };
  'presets:export': { fileName: string; text: string; count: number };
}

/** Who serves a queue now (`queue:workers`). */
export interface QueueWorkers {
  /** The URL without its password. */
  queue: string;
  /** Connected `photobatch worker`s: `--name`, host name and worker processes. */
  workers: { name: string; host: string; lanes: number }[];
  /** Something to fix that does not stop the question (Redis may evict keys); null if none. */
  warning: string | null;
}

/** The newest sweep of each kind measured on this computer, and the tuned defaults. */
export interface LatestSweeps {
  process: SweepResult | null;
  download: SweepResult | null;
  tuned: { process: TunedChoice | null; download: TunedChoice | null };
}

/** A sweep from the window has moved on to its next combination (its run reports as any run). */
export interface SweepProgress {
  sweepId: number;
  kind: SweepResult['kind'];
  /** 0-based index of the combination now running, of `of`. */
  index: number;
  of: number;
  runId: number;
  combination: SweepCombination;
}

/** A sweep from the window has ended: its result, or why there is none. */
export interface SweepFinished {
  sweepId: number;
  kind: SweepResult['kind'];
  result: SweepResult | null;
  /** The default Tune set from it (null: cancelled, failed or nothing measured). */
  tuned: TunedChoice | null;
  error: string | null;
}

/** What each worker is doing now. */
export interface WorkerActivity {
  workerId: number;
  /** Source being processed, or null when idle. */
  source: string | null;
  /** Ms since the run started when it began this source. */
  sinceMs: number | null;
}

/** Events, keyed by name. */
export interface EventPayloads {
  'run:started': { run: RunRecord };
  'run:progress': {
    runId: number;
    kind: RunKind;
    total: number;
    ok: number;
    failed: number;
    skipped: number;
    elapsedMs: number;
    /**
     * Items finished (ok or failed; skipped ones are not counted) per second of the time so far:
     * `liveProgressFigures` of run-figures.ts, the same figure as the finished run's images/s.
     */
    itemsPerSecond: number;
    /** Time left at that rate (`liveProgressFigures`); null until a rate is known. */
    etaMs: number | null;
    workers: WorkerActivity[];
    /** Download runs: bytes saved so far. */
    bytes: number;
    /** True once `total` is final (the scan has ended); absent from older engines: unknown. */
    totalFinal?: boolean;
  };
  /** Items finished since the last event, batched so that 20,000 items stay smooth. */
  'item:done': { runId: number; items: ItemRecord[] };
  /** A process run's scan has ended: `total` is final from now on (progress before it is "so far"). */
  'scan:finished': { runId: number; total: number };
  'run:finished': { summary: RunSummary; status: RunStatus };
  /**
   * Download runs, a few times a second while bytes arrive: bytes as they come in, not only when
   * a file is finished, so bytes/s and the ETA move during large downloads.
   */
  'download:progress': DownloadProgress;
  'sweep:progress': SweepProgress;
  'sweep:finished': SweepFinished;
}

/** One download in flight (see `download:progress`). */
export interface DownloadInFlight {
  /** The item's seq. */
  seq: number;
  /** The URL as listed. */
  source: string;
  /** Body bytes of the current attempt so far. */
  bytes: number;
  /** The body's declared length (Content-Length), when the server gave one. */
  expectedBytes: number | null;
  /** 1 for the first attempt. */
  attempt: number;
}

/** Live bytes of a download run. */
export interface DownloadProgress {
  runId: number;
  /** Body bytes received so far: files saved plus what has arrived of those in flight. */
  bytes: number;
  /** Bytes per second over the last few seconds; 0 while nothing arrives. */
  bytesPerSecond: number;
  /** Downloads in flight now, in list order. */
  downloads: DownloadInFlight[];
}

/** Name of an event. */
export type EventName = keyof EventPayloads;
/** An event as it travels. */
export type AppEvent = { [K in EventName]: { name: K; payload: EventPayloads[K] } }[EventName];

/** Runtime list of command names, for allow-lists (preload, web shell). */
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
/** Runtime list of event names. */
export const EVENT_NAMES = [
  'run:started',
  'run:progress',
  'item:done',
  'scan:finished',
  'run:finished',
  'download:progress',
  'sweep:progress',
  'sweep:finished',
] as const satisfies readonly EventName[];

/** The one client interface the window uses; the preload and the web client both implement it. */
export interface PhotobatchClient {
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResults[K]>;
  /** Subscribes to all events; returns an unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Whether the engine answers: `connected`, `reconnecting` (it stopped answering; retrying), or
   * `restarted` (it answers but refuses this page's token: a new launch). Hosts whose engine
   * cannot go away on its own (Electron's preload) leave it out and are always connected.
   */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
  /** Electron: real paths of dropped or picked files and folders. The web client returns null. */
  pathsForDroppedFiles(files: readonly File[]): string[] | null;
  /**
   * Web shell: uploads files (with their paths relative to the dropped or picked folder) into a
   * new input folder under the data folder and resolves to that folder's path. Electron rejects.
   */
  uploadFiles(
    files: readonly { file: File; relativePath: string }[],
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<{ inputDir: string }>;
  /** The URL of a picture (a thumbnail or a preview) on this host, for an `<img src>`. */
  pictureUrl(request: PictureRequest): string;
  /**
   * A native folder picker, where the host has one (Electron): the chosen folder, or null when
   * cancelled. Absent: the window uses the browser's folder input.
   */
  pickFolder?(): Promise<string | null>;
  /** True where `shell:openPath` shows a folder (Electron's file manager); the web shell cannot. */
  readonly canOpenFolders: boolean;
  /**
   * The address of an item's input or output image (`download`: saved as an attachment), read
   * through the host's confined route (web shell: /files/…, desktop: app://photobatch/files/…).
   * Hosts that cannot show run files leave it out.
   */
  fileUrl?(runId: number, seq: number, side: FileSide, download?: boolean): string;
  /** Web shell: the address of a run's outputs as one zip. Hosts with a file manager leave it out. */
  resultsZipUrl?(runId: number): string;
  /** Desktop: shows an item's output selected in the file manager. */
  revealInFolder?(runId: number, seq: number): Promise<void>;
  /** Desktop: opens a run's output folder in the file manager. */
  openOutputFolder?(runId: number): Promise<void>;
}

/** See `PhotobatchClient.onConnection`. */
export type ConnectionState = 'connected' | 'reconnecting' | 'restarted';

/** A command's failure as the client sees it: a message in words, never a stack trace. */
export interface CommandError {
  message: string;
}

/**
 * A command's outcome as it crosses a process boundary (IPC, WebSocket): a value or an error in
 * words. Errors travel as data, not as rejections, so no stack or wrapper text reaches the window.
 */
export type CommandOutcome<K extends CommandName = CommandName> =
  { ok: true; value: CommandResults[K] } | { ok: false; error: CommandError };

/** Validates a command input; returns the parsed value or a one-line error naming the fields. */
export function parseCommandInput<K extends CommandName>(
  name: K,
  input: unknown,
): { ok: true; value: z.output<(typeof commandSchemas)[K]> } | { ok: false; error: string } {
  // Own keys only: a name like `toString` or `__proto__` from the wire must not reach a prototype.
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(commandSchemas, name)) {
    return { ok: false, error: `unknown command "${String(name)}"` };
  }
  const schema = commandSchemas[name];
  const parsed = schema.safeParse(input);
  if (parsed.success)
    return { ok: true, value: parsed.data as z.output<(typeof commandSchemas)[K]> };
  const issues = parsed.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
  return { ok: false, error: `invalid input for ${String(name)}: ${issues}` };
}
