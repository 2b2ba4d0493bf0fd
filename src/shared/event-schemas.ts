/**
 * Runtime schemas of the contract's events and of the records they carry. The window validates
 * every event it receives (from the preload or the web socket) before it renders anything.
 * Each schema is typed against its interface, so a field added to a record without its schema
 * (or with the wrong type) fails to compile here.
 */
import * as z from 'zod';
import type {
  AppEvent,
  DownloadInFlight,
  DownloadProgress,
  EventName,
  EventPayloads,
  WorkerActivity,
} from './contract.js';
import type {
  DownloadTimings,
  ItemRecord,
  MachineInfo,
  MachineShare,
  RunRecord,
  RunSummary,
} from './records.js';
import type { RunEstimate } from './run-estimate.js';
import { sweepCombinationSchema, sweepResultSchema, tunedChoiceSchema } from './sweep-result.js';
import { ITEM_STATUSES, RUN_KINDS, RUN_STATUSES, runSettingsSchema } from './records.js';

const count = z.number().int().nonnegative();
const ms = z.number();
const nullableMs = ms.nullable();
const nullableCount = count.nullable();

/** The machine a run ran on. */
export const machineInfoSchema = z.object({
  cpuModel: z.string(),
  cores: count,
  memoryBytes: z.number().nonnegative(),
  os: z.string(),
  node: z.string(),
  sharp: z.string(),
  libvips: z.string(),
}) satisfies z.ZodType<MachineInfo>;

/** One machine's part in a run. */
const machineShareSchema = z.object({
  name: z.string(),
  host: z.string(),
  lanes: count,
  ok: count,
  failed: count,
  cpuMs: z.number().nonnegative(),
  laneIds: z.array(z.number().int().nonnegative()),
}) satisfies z.ZodType<MachineShare>;

/** The estimate a run started with: a prediction, or why there is none. */
export const runEstimateSchema = z.union([
  z.object({
    estimateMs: ms,
    lowMs: ms,
    highMs: ms,
    basedOnRuns: count,
    basedOnRunIds: z.array(z.number().int().positive()),
    reason: z.null(),
  }),
  z.object({
    estimateMs: z.null(),
    lowMs: z.null(),
    highMs: z.null(),
    basedOnRuns: z.literal(0),
    basedOnRunIds: z.tuple([]),
    reason: z.string(),
  }),
]) satisfies z.ZodType<RunEstimate>;

/** A stored run. */
export const runRecordSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(RUN_KINDS),
  status: z.enum(RUN_STATUSES),
  label: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  inputs: z.array(z.string()),
  outDir: z.string(),
  settings: runSettingsSchema,
  workers: count,
  threads: count,
  pipeline: z.string().nullable(),
  machine: machineInfoSchema,
  wallMs: nullableMs,
  cpuMs: nullableMs,
  peakRssEngineBytes: z.number().nullable(),
  peakRssWorkerBytes: z.number().nullable(),
  peakRssTotalBytes: z.number().nullable(),
  total: count,
  ok: count,
  failed: count,
  skipped: count,
  bytesIn: count,
  bytesOut: count,
  resumedFrom: z.number().int().positive().nullable(),
  error: z.string().nullable(),
  machines: z.array(machineShareSchema).optional(),
  sweepId: z.number().int().positive().nullable(),
  estimate: runEstimateSchema.nullable(),
}) satisfies z.ZodType<RunRecord>;

/** The download stage of an item. */
export const downloadTimingsSchema = z.object({
  savedPath: z.string().nullable(),
  finalUrl: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  attempts: count,
  bytes: nullableCount,
  queuedMs: nullableMs,
  startMs: nullableMs,
  firstByteMs: nullableMs,
  endMs: nullableMs,
}) satisfies z.ZodType<DownloadTimings>;

/** One stored item. */
export const itemRecordSchema = z.object({
  runId: z.number().int().positive(),
  seq: count,
  source: z.string(),
  output: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  error: z.string().nullable(),
  bytesIn: nullableCount,
  bytesOut: nullableCount,
  widthIn: nullableCount,
  heightIn: nullableCount,
  widthOut: nullableCount,
  heightOut: nullableCount,
  workerId: z.number().int().nullable(),
  attempts: count,
  queuedMs: nullableMs,
  startMs: nullableMs,
  endMs: nullableMs,
  readMs: nullableMs,
  opsMs: nullableMs,
  encodeMs: nullableMs,
  frames: z.number().int().positive().nullable().optional(),
  outputMtimeMs: z.number().nullable().optional(),
  download: downloadTimingsSchema.nullable(),
}) satisfies z.ZodType<ItemRecord>;

/** What a finished run reports. */
export const runSummarySchema = z.object({
  runId: z.number().int().positive(),
  kind: z.enum(RUN_KINDS),
  status: z.enum(RUN_STATUSES),
  label: z.string().nullable(),
  settings: runSettingsSchema,
  workers: count,
  wallMs: nullableMs,
  cpuMs: nullableMs,
  peakRssBytes: z.number().nullable(),
  items: z.object({
    total: count,
    ok: count,
    failed: count,
    skipped: count,
    keptOriginal: count.optional(),
  }),
  bytesIn: count,
  bytesOut: count,
  failures: z.array(z.object({ source: z.string(), error: z.string() })),
  error: z.string().nullable(),
  historyError: z.string().nullable(),
  machines: z.array(machineShareSchema).optional(),
}) satisfies z.ZodType<RunSummary>;

const workerActivitySchema = z.object({
  workerId: z.number().int(),
  source: z.string().nullable(),
  sinceMs: nullableMs,
}) satisfies z.ZodType<WorkerActivity>;

const downloadInFlightSchema = z.object({
  seq: count,
  source: z.string(),
  bytes: count,
  expectedBytes: nullableCount,
  attempt: count,
}) satisfies z.ZodType<DownloadInFlight>;

/** Live bytes of a download run. */
export const downloadProgressSchema = z.object({
  runId: z.number().int().positive(),
  bytes: count,
  bytesPerSecond: z.number().nonnegative(),
  downloads: z.array(downloadInFlightSchema),
}) satisfies z.ZodType<DownloadProgress>;

/** Runtime schemas of every event's payload, keyed by event name. */
export const eventSchemas = {
  'run:started': z.object({ run: runRecordSchema }),
  'run:progress': z.object({
    runId: z.number().int().positive(),
    kind: z.enum(RUN_KINDS),
    total: count,
    ok: count,
    failed: count,
    skipped: count,
    elapsedMs: z.number().nonnegative(),
    itemsPerSecond: z.number().nonnegative(),
    etaMs: z.number().nonnegative().nullable(),
    workers: z.array(workerActivitySchema),
    bytes: z.number().nonnegative(),
    totalFinal: z.boolean().optional(),
  }),
  'item:done': z.object({ runId: z.number().int().positive(), items: z.array(itemRecordSchema) }),
  'scan:finished': z.object({ runId: z.number().int().positive(), total: count }),
  'run:finished': z.object({ summary: runSummarySchema, status: z.enum(RUN_STATUSES) }),
  'download:progress': downloadProgressSchema,
  'sweep:progress': z.object({
    sweepId: z.number().int().positive(),
    kind: z.enum(['process', 'download']),
    index: count,
    of: count,
    runId: z.number().int().positive(),
    combination: sweepCombinationSchema,
  }),
  'sweep:finished': z.object({
    sweepId: z.number().int().positive(),
    kind: z.enum(['process', 'download']),
    result: sweepResultSchema.nullable(),
    tuned: tunedChoiceSchema.nullable(),
    error: z.string().nullable(),
  }),
} as const satisfies { [K in EventName]: z.ZodType<EventPayloads[K]> };

/**
 * Validates an event as it arrives from another process; returns it typed, or a one-line error
 * naming the fields, never throws.
 */
export function parseAppEvent(
  value: unknown,
): { ok: true; event: AppEvent } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null)
    return { ok: false, error: 'event: expected an object' };
  const { name, payload } = value as { name?: unknown; payload?: unknown };
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(eventSchemas, name)) {
    return { ok: false, error: `unknown event "${String(name)}"` };
  }
  const parsed = eventSchemas[name as EventName].safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: `invalid ${name} event: ${issues}` };
  }
  return { ok: true, event: { name, payload: parsed.data } as AppEvent };
}
