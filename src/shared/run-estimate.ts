/**
 * How long a process run will take, predicted from past runs on this machine with comparable
 * settings: the same pipeline, output format and operations (blur or not, fit or not), scaled by
 * how much work there is (megapixels when known on both sides, else images) and by the workers
 * (only as far as the cores go). Pure: the store gathers the history, this reads it.
 */
import type { MachineInfo, RunRecord } from './records.js';
import type { ProcessSettings } from './settings.js';

/** A past run as the estimate needs it: its record and the megapixels its ok items had. */
export interface PastRun {
  run: RunRecord;
  /** Sum of width × height / 1e6 of its ok items; null when not recorded. */
  megapixels: number | null;
}

/** The run to estimate. */
export interface EstimateTarget {
  settings: ProcessSettings;
  images: number;
  /** Total megapixels of the images, when their headers were read; null otherwise. */
  megapixels: number | null;
  machine: Pick<MachineInfo, 'cpuModel' | 'cores'>;
}

/** A prediction, or why there is none. Times in ms of wall time. */
export type RunEstimate =
  | {
      estimateMs: number;
      lowMs: number;
      highMs: number;
      /** How many past runs it rests on (their ids in `basedOnRunIds`, newest first). */
      basedOnRuns: number;
      basedOnRunIds: number[];
      reason: null;
    }
  | {
      estimateMs: null;
      lowMs: null;
      highMs: null;
      basedOnRuns: 0;
      basedOnRunIds: [];
      reason: string;
    };

/** Past runs looked at, newest first: older ones say less about this machine as it is now. */
export const ESTIMATE_HISTORY_RUNS = 20;
/**
 * The range around the predictions: runs of the same photos on these machines vary by about a
 * quarter from one to the next, so the range is the spread of the predictions widened by that.
 */
const LOW_FACTOR = 0.8;
const HIGH_FACTOR = 1.25;

/** No estimate, and why. */
export function noEstimate(reason: string): RunEstimate {
  return { estimateMs: null, lowMs: null, highMs: null, basedOnRuns: 0, basedOnRunIds: [], reason };
}

/** The operations a run does, in words ("blur and fit"): runs with other operations are other work. */
export function operations(s: ProcessSettings): string {
  const ops = [s.blur !== null ? 'blur' : null, s.fit ? 'fit' : null].filter(Boolean);
  return ops.length > 0 ? ops.join(' and ') : 'no blur and no fit';
}

/** Workers beyond the cores add no speed to CPU-bound work. */
function usefulWorkers(workers: number, cores: number): number {
  return Math.max(1, Math.min(workers, Math.max(1, cores)));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Predicts the target's wall time from `history` (any order; only comparable runs count). */
export function estimateRun(history: readonly PastRun[], target: EstimateTarget): RunEstimate {
  const s = target.settings;
  if (target.images <= 0) return noEstimate('there are no images to process');
  const finished = history
    .filter(
      (p) =>
        p.run.kind === 'process' &&
        p.run.status === 'completed' &&
        p.run.settings.process !== null &&
        p.run.ok > 0 &&
        (p.run.wallMs ?? 0) > 0,
    )
    .sort((a, b) => b.run.id - a.run.id);
  const here = finished.filter(
    (p) =>
      p.run.machine.cpuModel === target.machine.cpuModel &&
      p.run.machine.cores === target.machine.cores,
  );
  const hint = 'run `photobatch sweep` once';
  if (here.length === 0) return noEstimate(`no finished process run on this machine yet: ${hint}`);
  const samePipeline = here.filter((p) => p.run.settings.process!.pipeline === s.pipeline);
  if (samePipeline.length === 0)
    return noEstimate(`no past run with the ${s.pipeline} pipeline on this machine: ${hint}`);
  const sameFormat = samePipeline.filter((p) => p.run.settings.process!.format === s.format);
  if (sameFormat.length === 0)
    return noEstimate(
      `no past run writing ${s.format} with the ${s.pipeline} pipeline on this machine: ${hint}`,
    );
  const comparable = sameFormat
    .filter((p) => operations(p.run.settings.process!) === operations(s))
    .slice(0, ESTIMATE_HISTORY_RUNS);
  if (comparable.length === 0)
    return noEstimate(`no past run with ${operations(s)} on this machine: ${hint}`);
  // Runs with the same workers need no scaling; only when there are none is scaling trusted.
  const sameWorkers = comparable.filter((p) => p.run.settings.process!.workers === s.workers);
  const basis = sameWorkers.length > 0 ? sameWorkers : comparable;
  const cores = target.machine.cores;
  const predictions = basis.map((p) => {
    const work =
      target.megapixels !== null && p.megapixels !== null && p.megapixels > 0
        ? target.megapixels / p.megapixels
        : target.images / p.run.ok;
    const workers =
      usefulWorkers(p.run.settings.process!.workers, cores) / usefulWorkers(s.workers, cores);
    return p.run.wallMs! * work * workers;
  });
  return {
    estimateMs: Math.round(median(predictions)),
    lowMs: Math.round(Math.min(...predictions) * LOW_FACTOR),
    highMs: Math.round(Math.max(...predictions) * HIGH_FACTOR),
    basedOnRuns: basis.length,
    basedOnRunIds: basis.map((p) => p.run.id),
    reason: null,
  };
}
