/**
 * A sweep: the same sample run once per combination of settings, each an ordinary stored run
 * grouped under one sweep, outputs written to a temp folder removed after each run. The figures
 * (speedup against the first combination, efficiency, the Amdahl fit) are computed from the
 * runs' own summaries, the same way Compare computes them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitAmdahl } from '../shared/amdahl.js';
import { pickEvenly } from '../shared/pick-evenly.js';
import type { RunSummary } from '../shared/records.js';
import { efficiency, itemsPerSecond, speedup } from '../shared/run-figures.js';
import type { DownloadSettings, ProcessSettings } from '../shared/settings.js';
import { parseUrlList } from '../shared/url-list.js';
import { parallelismOf } from '../shared/sweep-result.js';
import type { SweepCombination, SweepResult, SweepRunResult } from '../shared/sweep-result.js';
import type { RunStore } from '../db/run-store.js';
import { collectImages } from './collect-images.js';
import { startDownloadRun } from './download/download-run.js';
import { startProcessRun } from './process-run.js';
import type { RunContext, RunHandle } from './run-types.js';
import { UsageError } from './usage-error.js';

/** Images in a sweep's sample unless told otherwise: enough to time, few enough to be quick. */
export const DEFAULT_SWEEP_IMAGES = 12;
/** URLs in a download sweep's sample unless told otherwise. */
export const DEFAULT_SWEEP_URLS = 30;
/** Most combinations one sweep runs: each is a whole run. */
export const MAX_SWEEP_COMBINATIONS = 8;

/** What to sweep. */
export type SweepRequest =
  | {
      kind: 'process';
      inputs: string[];
      settings: ProcessSettings;
      workers: number[];
      threads: number[];
      sample: number;
    }
  | {
      kind: 'download';
      urlsText: string;
      sourceName: string;
      settings: DownloadSettings;
      concurrency: number[];
      sample: number;
    };

export type { SweepResult, SweepRunResult } from '../shared/sweep-result.js';

/** Hooks of a running sweep. */
export interface SweepHooks {
  /** Aborting it cancels the run in progress and runs no more combinations. */
  signal?: AbortSignal;
  /** Once the sample is chosen and the sweep stored, before its first run. */
  onSweepCreated?: (sweepId: number, combinations: SweepCombination[], sample: number) => void;
  onRunStarted?: (runId: number, combination: SweepCombination, index: number) => void;
}

/** Every pairing of the lists, workers first: at most `MAX_SWEEP_COMBINATIONS`. */
export function sweepCombinations(request: SweepRequest): SweepCombination[] {
  const combinations =
    request.kind === 'process'
      ? request.workers.flatMap((workers) =>
          request.threads.map((threads) => ({ workers, threads, concurrency: null })),
        )
      : request.concurrency.map((concurrency) => ({
          workers: null,
          threads: null,
          concurrency,
        }));
  if (combinations.length === 0) throw new UsageError('a sweep needs at least one combination');
  if (combinations.length > MAX_SWEEP_COMBINATIONS) {
    throw new UsageError(
      `${combinations.length} combinations is too many for one sweep (at most ` +
        `${MAX_SWEEP_COMBINATIONS}): give fewer values`,
    );
  }
  return combinations;
}

/** The sample: images spread evenly over the inputs, or URLs spread evenly over the list. */
async function sampleOf(request: SweepRequest): Promise<{ items: string[]; inputs: string[] }> {
  if (request.kind === 'process') {
    const images = await collectImages(request.inputs);
    return { items: pickEvenly(images, request.sample), inputs: request.inputs };
  }
  const urls = parseUrlList(request.urlsText).lines.flatMap((l) =>
    l.kind === 'url' ? [l.url] : [],
  );
  if (urls.length === 0) throw new UsageError(`${request.sourceName}: no URLs in it`);
  return { items: pickEvenly(urls, request.sample), inputs: [request.sourceName] };
}

async function startCombination(
  request: SweepRequest,
  sample: string[],
  combination: SweepCombination,
  outDir: string,
  label: string,
  context: RunContext,
): Promise<RunHandle> {
  if (request.kind === 'process') {
    const settings = {
      ...request.settings,
      workers: combination.workers!,
      threads: combination.threads!,
    };
    return startProcessRun({ inputs: sample, outDir, settings, label }, context);
  }
  return startDownloadRun(
    {
      urlsText: sample.join('\n'),
      sourceName: request.sourceName,
      outDir,
      settings: { ...request.settings, concurrency: combination.concurrency! },
      process: null,
      label,
    },
    context,
  );
}

/** Runs the sweep to its end (or until `hooks.signal` aborts it); never leaves temp folders. */
export async function runSweep(
  request: SweepRequest,
  context: RunContext,
  hooks: SweepHooks = {},
): Promise<SweepResult> {
  const combinations = sweepCombinations(request);
  const { items: sample, inputs } = await sampleOf(request);
  const { insights } = context.store;
  const sweepId = insights.createSweep({
    kind: request.kind,
    inputs,
    sample: sample.length,
    combinations,
  });
  hooks.onSweepCreated?.(sweepId, combinations, sample.length);
  const runs: SweepRunResult[] = [];
  let stoppedEarly = false;
  try {
    for (const [index, combination] of combinations.entries()) {
      if (hooks.signal?.aborted) {
        stoppedEarly = true;
        break;
      }
      const outDir = await mkdtemp(join(tmpdir(), 'photobatch-sweep-'));
      try {
        const label = `sweep ${sweepId}: ${describeCombination(combination)}`;
        const handle = await startCombination(request, sample, combination, outDir, label, context);
        insights.addRun(sweepId, handle.runId);
        hooks.onRunStarted?.(handle.runId, combination, index);
        const cancel = () => handle.cancel();
        hooks.signal?.addEventListener('abort', cancel, { once: true });
        let summary: RunSummary;
        try {
          summary = await handle.finished;
        } finally {
          hooks.signal?.removeEventListener('abort', cancel);
        }
        runs.push(resultOf(handle.runId, combination, summary));
        if (summary.status !== 'completed') {
          stoppedEarly = true;
          break;
        }
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    }
  } finally {
    insights.finishSweep(sweepId, stoppedEarly ? 'partial' : 'completed');
  }
  return figures(sweepId, request.kind, sample.length, stoppedEarly, runs, combinations);
}

/** "2 workers × 1 thread", "concurrency 16". */
export function describeCombination(c: SweepCombination): string {
  if (c.concurrency !== null) return `${c.concurrency} at once`;
  const w = c.workers ?? 1;
  const t = c.threads ?? 1;
  return `${w} worker${w === 1 ? '' : 's'} × ${t} thread${t === 1 ? '' : 's'}`;
}

function resultOf(
  runId: number,
  combination: SweepCombination,
  ended: Pick<RunSummary, 'status' | 'wallMs'> & { items: { ok: number; failed: number } },
): SweepRunResult {
  return {
    runId,
    ...combination,
    status: ended.status,
    wallMs: ended.wallMs,
    itemsPerSecond: itemsPerSecond(ended.items, ended.wallMs),
    speedup: null,
    efficiency: null,
  };
}

/**
 * A stored sweep's result, computed again from its runs as stored (the window shows the last one
 * after a restart). Null when it does not exist or none of its runs is left.
 */
export function storedSweepResult(store: RunStore, sweepId: number): SweepResult | null {
  const sweep = store.insights.getSweep(sweepId);
  if (!sweep) return null;
  const runs = sweep.runIds.flatMap((id, index) => {
    const run = store.getRun(id);
    const combination = sweep.combinations[index];
    if (!run || !combination) return [];
    return [resultOf(id, combination, { ...run, items: run })];
  });
  if (runs.length === 0) return null;
  const stoppedEarly = sweep.status !== 'completed';
  return figures(sweep.id, sweep.kind, sweep.sample, stoppedEarly, runs, sweep.combinations);
}

function figures(
  sweepId: number,
  kind: SweepResult['kind'],
  sample: number,
  stoppedEarly: boolean,
  runs: SweepRunResult[],
  combinations: SweepCombination[],
): SweepResult {
  const first = runs[0];
  const baseParallelism = first ? parallelismOf(first) : 1;
  for (const r of runs) {
    r.speedup = speedup(r.itemsPerSecond, first?.itemsPerSecond ?? null);
    r.efficiency = efficiency(r.speedup, parallelismOf(r), baseParallelism);
  }
  const completed = runs.filter((r) => r.status === 'completed' && r.itemsPerSecond !== null);
  const fastest = completed.reduce<SweepRunResult | null>(
    (best, r) => (best === null || r.itemsPerSecond! > best.itemsPerSecond! ? r : best),
    null,
  );
  return {
    sweepId,
    kind,
    status: stoppedEarly || runs.length < combinations.length ? 'partial' : 'completed',
    sample,
    runs,
    best: fastest
      ? { workers: fastest.workers, threads: fastest.threads, concurrency: fastest.concurrency }
      : null,
    fit: fitAmdahl(
      completed.map((r) => ({ parallelism: parallelismOf(r), rate: r.itemsPerSecond! })),
    ),
  };
}
