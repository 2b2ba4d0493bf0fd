/**
 * A process run: scan the inputs, and submit every image to the pool stage. Scanning and
 * processing overlap, and only a bounded window of items is held in memory, so a folder of
 * 20,000 photos costs the engine no more memory than one of 2,000. The lifecycle
 * (run-lifecycle.ts) does the rest: workers, clock, recording, cancel, cleanup and the ending.
 */
import { resolve } from 'node:path';
import type { ProcessSettings } from '../shared/settings.js';
import { processSettingsSchema } from '../shared/settings.js';
import { operationConflict } from '../shared/operation-settings.js';
import { UsageError } from './usage-error.js';
import { WORKER_QUEUE_DEPTH } from '../shared/worker-messages.js';
import { prepareOutputs } from './process-inputs.js';
import type { ResumedRuns } from './process-inputs.js';
import { launchRun } from './run-lifecycle.js';
import type { RunScope } from './run-lifecycle.js';
import type { RunContext, RunHandle } from './run-types.js';
import { PoolStage } from './pool-stage.js';
import { scanInputs } from './scan-inputs.js';
import { reasonWithoutName } from './scan-entry.js';
import { removeStrayTemps } from './temp-names.js';
import { storeStartingEstimate } from './run-estimates.js';
import type { RunStore } from '../db/run-store.js';
import type { OutputPlanner } from './plan-outputs.js';

export type { RunContext, RunHandle } from './run-types.js';

/** What to process. */
export interface ProcessRunRequest {
  inputs: string[];
  outDir: string;
  settings: ProcessSettings;
  label: string | null;
  /** The cancelled or interrupted run this one continues: its ok sources are not redone. */
  resumedFrom?: number | null;
  /** Only these sources are processed ("Retry failed"); the rest of the inputs are passed over. */
  onlySources?: readonly string[];
}

/**
 * Starts a process run; resolves once it is stored (its id known) and running. Refuses bad
 * inputs or an unusable output folder before anything is stored (a `UsageError`).
 */
export async function startProcessRun(
  request: ProcessRunRequest,
  context: RunContext,
): Promise<RunHandle> {
  const settings = processSettingsSchema.parse(request.settings);
  const conflict = operationConflict(settings);
  if (conflict) throw new UsageError(conflict);
  const inputs = request.inputs.map((p) => resolve(p));
  const outDir = resolve(request.outDir);
  const { planner, resumed } = await prepareOutputs(inputs, outDir, settings, request, context);
  const spec = {
    kind: 'process' as const,
    label: request.label,
    inputs,
    outDir,
    settings: { process: settings, download: null },
    resumedFrom: request.resumedFrom ?? null,
    workers: settings.workers,
    threads: settings.threads,
    pipeline: settings.pipeline,
    taskTimeoutMs: settings.timeoutMs,
  };
  return launchRun(spec, context, (scope) =>
    processInputs(scope, {
      inputs,
      outDir,
      settings,
      resumed,
      only: request.onlySources ? new Set(request.onlySources) : null,
      planner: planner(scope.run.id),
      store: context.store,
    }),
  );
}

interface ProcessWork {
  inputs: string[];
  outDir: string;
  settings: ProcessSettings;
  resumed: ResumedRuns | null;
  /** When set, the only sources this run takes. */
  only: ReadonlySet<string> | null;
  planner: OutputPlanner;
  store: RunStore;
}

/** The body of a process run: scan → record → submit, until the inputs are exhausted. */
async function processInputs(scope: RunScope, work: ProcessWork): Promise<void> {
  const { recorder, signal } = scope;
  const stage = new PoolStage(scope, scope.dispatcher!, work.planner, work.settings);
  // Only the temp files of the runs being resumed: another run may be writing here right now.
  for (const runId of work.resumed?.runIds ?? []) await removeStrayTemps(work.outDir, { runId });
  // Enough queued that no worker waits, few enough that memory stays flat.
  const ahead = work.settings.workers * (WORKER_QUEUE_DEPTH + 1) + 4;
  const scan = scanInputs(work.inputs, { outDir: work.outDir, trustPictureNames: true });
  let images = 0;
  // Counted before what a resumed run skips, so an image keeps its {index} across runs.
  let place = 0;
  for await (const found of scan) {
    if (signal.aborted) break;
    const entry = found.verdict === 'image' ? { ...found, index: ++place } : found;
    if (work.resumed?.okSources.has(entry.source)) continue;
    if (work.only && !work.only.has(entry.source)) continue;
    const base = { source: entry.source, output: null, error: null, bytesIn: entry.size };
    if (entry.verdict === 'image') images += 1;
    if (entry.verdict !== 'image') {
      const status = entry.verdict === 'skip' ? 'skipped' : 'failed';
      recorder.addItems([{ ...base, status, error: reasonWithoutName(entry, entry.reason) }]);
      continue;
    }
    const plan = await stage.plan(entry);
    if ('output' in plan) {
      const [record] = recorder.addItems([{ ...base, output: plan.output, status: 'pending' }]);
      stage.process(record!.seq, entry, plan);
      await stage.below(ahead);
    } else {
      const [status, why] =
        'skip' in plan ? (['skipped', plan.skip] as const) : (['failed', plan.fail] as const);
      recorder.addItems([{ ...base, status, error: reasonWithoutName(entry, why) }]);
    }
  }
  if (!signal.aborted) {
    recorder.scanFinished();
    storeStartingEstimate(work.store, scope.run, work.settings, images);
  }
  await stage.drain();
}
