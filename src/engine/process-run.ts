/**
 * A process run: scan the inputs, plan outputs, feed the worker pool, record everything.
 * Scanning and processing overlap, and only a bounded window of items is held in memory, so a
 * folder of 20,000 photos costs the engine no more memory than one of 2,000.
 */
import { stat, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ProcessSettings } from '../shared/settings.js';
import { processSettingsSchema } from '../shared/settings.js';
import type { ItemRecord } from '../shared/records.js';
import type { NewItem } from '../db/store-types.js';
import { machineInfo } from './machine-info.js';
import { startRunClock } from './run-clock.js';
import { RunRecorder } from './run-recorder.js';
import type { RunContext, RunHandle } from './run-types.js';
import { scanInputs } from './scan-inputs.js';
import { entryLabel } from './scan-entry.js';
import { createOutputPlanner, OutputFolderError } from './plan-outputs.js';
import type { OutputPlan } from './plan-outputs.js';
import { removeStrayTemps } from './temp-names.js';
import { UsageError } from './usage-error.js';
export type { RunContext, RunHandle } from './run-types.js';
import { CancelledError, WorkerPool } from './worker-pool.js';
import { outcomeUpdate, pipelineOptionsOf } from './task-outcome.js';

/** What to process. */
export interface ProcessRunRequest {
  inputs: string[];
  outDir: string;
  settings: ProcessSettings;
  label: string | null;
  /** The cancelled or interrupted run this one continues: its ok sources are not redone. */
  resumedFrom?: number | null;
}

type Planned = Extract<OutputPlan, { output: string }>;

/** Items planned per store transaction while scanning. */
const PLAN_BATCH = 64;

async function checkInputs(inputs: string[], outDir: string): Promise<void> {
  if (inputs.length === 0) throw new UsageError('no input given: name a folder or image files');
  for (const input of inputs) {
    try {
      await stat(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (input === outDir)
      throw new UsageError(`${input}: the output folder cannot be an input folder`);
  }
}

/** Starts a process run; resolves once it is stored (its id known) and running. */
export async function startProcessRun(
  request: ProcessRunRequest,
  context: RunContext,
): Promise<RunHandle> {
  const settings = processSettingsSchema.parse(request.settings);
  const inputs = request.inputs.map((p) => resolve(p));
  const outDir = resolve(request.outDir);
  await checkInputs(inputs, outDir);
  const { store } = context;
  const resumed = request.resumedFrom ? resumedChain(context, request.resumedFrom) : null;
  const done = resumed?.okSources ?? null;

  const run = store.createRun({
    kind: 'process',
    label: request.label,
    inputs,
    outDir,
    settings: { process: settings, download: null },
    workers: settings.workers,
    threads: settings.threads,
    pipeline: settings.pipeline,
    machine: machineInfo(),
    resumedFrom: request.resumedFrom ?? null,
  });
  let planner;
  try {
    planner = await createOutputPlanner({
      inputs,
      outDir,
      format: settings.format,
      existing: settings.existing,
      runId: run.id,
    });
  } catch (error) {
    // Refused before anything ran: no run to keep in the history.
    store.deleteRun(run.id);
    throw error instanceof OutputFolderError ? new UsageError(error.message) : error;
  }
  const clock = startRunClock();
  const pool = new WorkerPool({
    size: settings.workers,
    threads: settings.threads,
    hostFactory: context.hostFactory,
    taskTimeoutMs: settings.timeoutMs,
    clock: clock.now,
  });
  const recorder = new RunRecorder(store, run, context.onEvent, clock.now, () => pool.activity());
  const temps = new Map<number, string>();
  const options = pipelineOptionsOf(settings);
  let cancelled = false;

  const execute = async (): Promise<void> => {
    // Only the temp files of the runs being resumed: another run may be writing here right now.
    for (const runId of resumed?.runIds ?? []) await removeStrayTemps(outDir, { runId });
    const inflight = new Set<Promise<void>>();
    const maxAhead = settings.workers * 2 + 4;
    let batch: { item: Omit<NewItem, 'seq'>; plan: Planned | null }[] = [];
    let taskNumber = 0;

    const submit = (record: ItemRecord, plan: Planned) => {
      const temp = plan.temp;
      temps.set(record.id, temp);
      const task = pool
        .submit(
          {
            source: record.source,
            output: plan.output,
            temp,
            outputFormat: plan.outputFormat,
            options,
          },
          (workerId, startMs) => recorder.updateItem({ id: record.id, workerId, startMs }),
        )
        .then(
          (outcome) => {
            temps.delete(record.id);
            recorder.finishItem(outcomeUpdate(record.id, outcome));
          },
          (error: unknown) => {
            if (!(error instanceof CancelledError)) throw error;
          },
        );
      inflight.add(task);
      void task.finally(() => inflight.delete(task));
    };
    const flushBatch = () => {
      const records = recorder.addItems(batch.map((b) => b.item));
      records.forEach((record, i) => {
        const plan = batch[i]!.plan;
        if (record.status === 'pending' && plan) submit(record, plan);
      });
      batch = [];
    };

    for await (const entry of scanInputs(inputs, { outDir })) {
      if (cancelled) break;
      if (done?.has(entry.source)) continue;
      const base = { source: entry.source, output: null, error: null, bytesIn: entry.size };
      // Items carry their source; the reason need not repeat the file's name.
      const label = `${entryLabel(entry)}: `;
      const why = (reason: string) =>
        reason.startsWith(label) ? reason.slice(label.length) : reason;
      if (entry.verdict !== 'image') {
        batch.push({
          item: {
            ...base,
            status: entry.verdict === 'skip' ? 'skipped' : 'failed',
            error: why(entry.reason),
          },
          plan: null,
        });
      } else {
        const decision = await planner.plan(entry, ++taskNumber);
        if ('skip' in decision)
          batch.push({
            item: { ...base, status: 'skipped', error: why(decision.skip) },
            plan: null,
          });
        else if ('fail' in decision)
          batch.push({
            item: { ...base, status: 'failed', error: why(decision.fail) },
            plan: null,
          });
        else
          batch.push({
            item: { ...base, output: decision.output, status: 'pending' },
            plan: decision,
          });
      }
      // Keep the workers fed early; otherwise plan in batches (one transaction each).
      if (batch.length >= PLAN_BATCH || inflight.size < settings.workers) flushBatch();
      while (inflight.size >= maxAhead && !cancelled) await Promise.race(inflight);
    }
    if (!cancelled) flushBatch();
    await Promise.all(inflight);
    if (!cancelled) await pool.close();
  };

  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    void pool.cancel();
  };

  const finished = execute()
    .catch(async (error: unknown) => {
      // Something unexpected (not an image's fault): stop cleanly, keep what was done.
      cancel();
      throw error;
    })
    .finally(async () => {
      await pool.cancel().catch(() => {});
      await Promise.all([...temps.values()].map((t) => rm(t, { force: true })));
    })
    .then(() => {
      return recorder.finish(clock.end(cancelled ? 'cancelled' : 'completed', pool.stats()));
    });
  return { runId: run.id, finished, cancel };
}

/** The run being resumed and the runs it resumed in turn, with the sources they finished ok. */
function resumedChain(
  context: RunContext,
  runId: number,
): { runIds: number[]; okSources: Set<string> } {
  const okSources = new Set<string>();
  const runIds: number[] = [];
  let id: number | null = runId;
  while (id !== null && !runIds.includes(id)) {
    const previous = context.store.getRun(id);
    if (!previous) break;
    runIds.push(id);
    for (const item of context.store.itemsWithStatus(id, ['ok'])) okSources.add(item.source);
    id = previous.resumedFrom;
  }
  return { runIds, okSources };
}
