/**
 * Estimates from this store's history: what `photobatch estimate` prints and what every process
 * run stores when its scan has counted the images (src/shared/run-estimate.ts has the model).
 */
import type { RunStore } from '../db/run-store.js';
import type { MachineInfo } from '../shared/records.js';
import { estimateRun, ESTIMATE_HISTORY_RUNS } from '../shared/run-estimate.js';
import type { PastRun, RunEstimate } from '../shared/run-estimate.js';
import type { ProcessSettings } from '../shared/settings.js';

/** Completed runs read to find comparable ones: enough that other settings do not crowd them out. */
const RUNS_READ = ESTIMATE_HISTORY_RUNS * 10;

/** Finished process runs on this machine, newest first, with the megapixels they processed. */
export function estimateHistory(
  store: RunStore,
  machine: Pick<MachineInfo, 'cpuModel' | 'cores'>,
  exceptRunId: number | null = null,
): PastRun[] {
  return store
    .listRuns({ kind: 'process', status: 'completed', limit: RUNS_READ })
    .filter(
      (run) =>
        run.id !== exceptRunId &&
        run.machine.cpuModel === machine.cpuModel &&
        run.machine.cores === machine.cores,
    )
    .map((run) => ({ run, megapixels: store.insights.megapixelsDone(run.id) }));
}

/** The estimate for a run of `images` images (and `megapixels`, when known) with `settings`. */
export function estimateFromHistory(
  store: RunStore,
  target: {
    settings: ProcessSettings;
    images: number;
    megapixels: number | null;
    machine: Pick<MachineInfo, 'cpuModel' | 'cores'>;
  },
  exceptRunId: number | null = null,
): RunEstimate {
  return estimateRun(estimateHistory(store, target.machine, exceptRunId), target);
}

/**
 * Stores, on a run whose scan has just counted its images, the estimate it starts with (per
 * image: headers are not read during a run). Best effort: a store that is busy or broken costs
 * the run its estimate, nothing else.
 */
export function storeStartingEstimate(
  store: RunStore,
  run: { id: number; machine: Pick<MachineInfo, 'cpuModel' | 'cores'> },
  settings: ProcessSettings,
  images: number,
): void {
  try {
    const estimate = estimateFromHistory(
      store,
      { settings, images, megapixels: null, machine: run.machine },
      run.id,
    );
    store.insights.setEstimate(run.id, estimate);
  } catch {
    // Locked by another program, or closed under us: the run goes on without its estimate.
  }
}
