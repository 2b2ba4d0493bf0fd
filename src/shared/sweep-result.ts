/**
 * What a sweep found (the same sample run once per combination of settings), as the engine
 * returns it to the CLI and sends it to the window, and what a Tune from the window leaves
 * remembered. The engine's `runSweep` (src/engine/sweep-run.ts) computes it.
 */
import * as z from 'zod';
import type { AmdahlFit } from './amdahl.js';
import { RUN_STATUSES } from './records.js';
import type { RunSummary } from './records.js';
import { operations } from './run-estimate.js';
import type { ProcessSettings } from './settings.js';

/** One combination a sweep runs: workers and threads for processing, concurrency for downloads. */
export interface SweepCombination {
  workers: number | null;
  threads: number | null;
  concurrency: number | null;
}

/** One combination's run and its figures. */
export interface SweepRunResult extends SweepCombination {
  runId: number;
  status: RunSummary['status'];
  wallMs: number | null;
  itemsPerSecond: number | null;
  /** Against the first combination: above 1 is faster. */
  speedup: number | null;
  /** The speedup over the ratio of parallelism to the first combination's. */
  efficiency: number | null;
}

/** What a sweep found. */
export interface SweepResult {
  sweepId: number;
  kind: 'process' | 'download';
  status: 'completed' | 'partial';
  /** Images or URLs in the sample. */
  sample: number;
  runs: SweepRunResult[];
  /** The fastest combination that completed (most items per second). */
  best: SweepCombination | null;
  fit: AmdahlFit | null;
}

/**
 * A Tune's answer, remembered for this machine: the combination the window now starts from, the
 * sweep that measured it, and for processing the settings it was measured with (`signature`:
 * pipeline, format and operations; another choice of those is other work).
 */
export interface TunedChoice {
  sweepId: number;
  kind: SweepResult['kind'];
  combination: SweepCombination;
  /** When the sweep ended (ISO 8601). */
  at: string;
  /** Process tunes: `tuneSignature` of the settings measured; null for downloads. */
  signature: string | null;
}

/** How much a combination works at once: the x of a scaling chart, the n of Amdahl's law. */
export function parallelismOf(c: SweepCombination): number {
  return c.concurrency ?? (c.workers ?? 1) * (c.threads ?? 1);
}

/**
 * The settings a process tune's answer holds for: "fast pipeline, jpeg, blur and fit" (the
 * same comparability as the estimates': pipeline, format and operations).
 */
export function tuneSignature(
  s: Pick<ProcessSettings, 'pipeline' | 'format' | 'blur' | 'fit'>,
): string {
  return `${s.pipeline} pipeline, ${s.format}, ${operations(s as ProcessSettings)}`;
}

const positiveOrNull = z.number().int().positive().nullable();

/** One combination, on the wire. */
export const sweepCombinationSchema = z.object({
  workers: positiveOrNull,
  threads: positiveOrNull,
  concurrency: positiveOrNull,
}) satisfies z.ZodType<SweepCombination>;

/** A sweep's result, on the wire. */
export const sweepResultSchema = z.object({
  sweepId: z.number().int().positive(),
  kind: z.enum(['process', 'download']),
  status: z.enum(['completed', 'partial']),
  sample: z.number().int().nonnegative(),
  runs: z.array(
    sweepCombinationSchema.extend({
      runId: z.number().int().positive(),
      status: z.enum(RUN_STATUSES),
      wallMs: z.number().nullable(),
      itemsPerSecond: z.number().nullable(),
      speedup: z.number().nullable(),
      efficiency: z.number().nullable(),
    }),
  ),
  best: sweepCombinationSchema.nullable(),
  fit: z
    .object({
      serialFraction: z.number(),
      singleRate: z.number(),
      rSquared: z.number(),
      distinctPoints: z.number().int(),
    })
    .nullable(),
}) satisfies z.ZodType<SweepResult>;

/** A remembered tune, as stored and on the wire. */
export const tunedChoiceSchema = z.object({
  sweepId: z.number().int().positive(),
  kind: z.enum(['process', 'download']),
  combination: sweepCombinationSchema,
  at: z.string(),
  signature: z.string().nullable(),
}) satisfies z.ZodType<TunedChoice>;
