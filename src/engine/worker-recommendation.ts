/**
 * The worker count to recommend on this machine: the fastest combination of the newest process
 * sweep that ran here with at least two worker counts (src/shared/recommendation.ts words it).
 */
import type { RunStore } from '../db/run-store.js';
import type { MachineInfo } from '../shared/records.js';
import type { WorkerRecommendation } from '../shared/recommendation.js';
import { itemsPerSecond } from '../shared/run-figures.js';

/** Sweeps looked at, newest first, for one that ran on this machine. */
const SWEEPS_READ = 10;

/** The recommendation, or null when no sweep here measured more than one worker count. */
export function recommendWorkers(
  store: RunStore,
  machine: Pick<MachineInfo, 'cpuModel' | 'cores'>,
): WorkerRecommendation | null {
  for (const sweepId of store.insights.latestSweeps('process', SWEEPS_READ)) {
    const runs = store.insights
      .getSweep(sweepId)!
      .runIds.map((id) => store.getRun(id))
      .filter((r) => r !== null && r.status === 'completed')
      .filter((r) => r!.machine.cpuModel === machine.cpuModel && r!.machine.cores === machine.cores)
      .map((r) => ({ run: r!, rate: itemsPerSecond(r!, r!.wallMs) }))
      .filter((r): r is { run: NonNullable<typeof r.run>; rate: number } => r.rate !== null);
    if (new Set(runs.map((r) => r.run.workers)).size < 2) continue;
    const best = runs.reduce((a, b) => (b.rate > a.rate ? b : a));
    const rateOf = (workers: number) =>
      runs.find((r) => r.run.workers === workers && r.run.threads === best.run.threads)?.rate ??
      null;
    const one = rateOf(1);
    const next = rateOf(best.run.workers + 1);
    return {
      sweepId,
      workers: best.run.workers,
      threads: best.run.threads,
      speedupOverOne: one ? best.rate / one : null,
      nextSpeedup: next ? next / best.rate : null,
      cores: machine.cores,
    };
  }
  return null;
}
