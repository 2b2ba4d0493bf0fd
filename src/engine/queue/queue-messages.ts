/**
 * What crosses Redis between a coordinator and `photobatch worker`s (zod, checked on receipt):
 * a task job (paths in, files out — never image bytes) and the messages that come back on the
 * run's results queue. Times come back as durations only: machines' clocks need not agree.
 */
import * as z from 'zod';
import {
  sniffedContentSchema,
  taskResultSchema,
  workerTaskSchema,
} from '../../shared/worker-messages.js';

/** One image task, as a job on the task queue. */
export const taskJobSchema = z.object({
  runId: z.number().int().positive(),
  item: z.number().int().nonnegative(),
  task: workerTaskSchema,
  /** The run's inputs and output folder (coordinator paths): a task touches nothing else. */
  inputs: z.array(z.string().min(1)).min(1),
  outDir: z.string().min(1),
  /** A file the coordinator wrote in the output folder, and the random token it holds. */
  probe: z.object({ path: z.string().min(1), token: z.string().min(16) }),
  /** Times the coordinator queued it again after Redis lost it (a try of before may still run). */
  requeued: z.number().int().nonnegative().default(0),
});
/** One image task, as a job on the task queue. */
export type TaskJob = z.infer<typeof taskJobSchema>;

/** Which machine said something: its `--name` and its host name. */
export const machineRefSchema = z.object({ name: z.string().min(1), host: z.string() });
/** Which machine said something. */
export type MachineRef = z.infer<typeof machineRefSchema>;

const endedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done'), result: taskResultSchema }),
  z.object({ kind: z.literal('failed'), error: z.string() }),
  z.object({ kind: z.literal('mismatch'), sniffed: sniffedContentSchema }),
]);

/** A message on a run's results queue. */
export const resultMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('outcome'),
    item: z.number().int().nonnegative(),
    machine: machineRefSchema,
    /** The worker process on that machine (its pool's lane). */
    lane: z.number().int().nonnegative(),
    /** Tries on that machine (a crashed worker process is retried once there). */
    attempts: z.number().int().nonnegative(),
    /** How long the work took there, measured there (start = received − this). */
    elapsedMs: z.number().nonnegative(),
    ended: endedSchema,
    /** CPU of the machine's worker processes since it started, to count a run's share. */
    cpuMs: z.number().nonnegative(),
    /**
     * Memory of the machine's worker processes so far: the largest any one reached, and the sum
     * of each lane's peak (absent from older workers: unknown).
     */
    peakRssWorkerBytes: z.number().nonnegative().optional(),
    sumPeakRssBytes: z.number().nonnegative().optional(),
    versions: z.object({ sharp: z.string(), libvips: z.string() }).nullable(),
  }),
  /** Something the user must act on (a machine that cannot see the storage). */
  z.object({ type: z.literal('notice'), machine: machineRefSchema, message: z.string() }),
]);
/** A message on a run's results queue. */
export type ResultMessage = z.infer<typeof resultMessageSchema>;

/** What a connected worker says about itself every few seconds (see worker-registry.ts). */
export const workerHeartbeatSchema = z.object({
  name: z.string(),
  host: z.string(),
  lanes: z.number().int().positive(),
});
/** What a connected worker says about itself. */
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;
