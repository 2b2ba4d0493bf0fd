/**
 * The window's Tune: `sweep:start`, `sweep:cancel` and `sweeps:latest`, on the same engine as
 * `photobatch sweep` (src/engine/sweep-run.ts). A sweep goes on after its command has answered
 * (with the sweep's id); its runs report as any run, the sweep itself with `sweep:progress` and
 * `sweep:finished`. A completed sweep's fastest combination becomes the window's default on this
 * computer (remembered with the settings it was measured with).
 */
import type { AppEvent, CommandResults, SweepFinished } from '../shared/contract.js';
import type { RunStore } from '../db/run-store.js';
import { tuneSignature } from '../shared/sweep-result.js';
import type { SweepResult, TunedChoice } from '../shared/sweep-result.js';
import type { DownloadSettings, ProcessSettings } from '../shared/settings.js';
import type { MachineInfo } from '../shared/records.js';
import { readSettings, writeSettings } from './remembered-settings.js';
import { readTuned, writeTuned } from './tuned-defaults.js';
import {
  DEFAULT_SWEEP_IMAGES,
  DEFAULT_SWEEP_URLS,
  runSweep,
  storedSweepResult,
} from './sweep-run.js';
import type { SweepRequest } from './sweep-run.js';
import { DEFAULT_CONCURRENCY_LIST, defaultWorkerList } from './sweep-defaults.js';
import type { RunContext } from './run-types.js';

/** Sweeps looked at, newest first, for the newest one measured on this computer. */
const SWEEPS_READ = 10;

type Machine = Pick<MachineInfo, 'cpuModel' | 'cores'>;

/** What the window asks a Tune to measure (the contract's `sweep:start`, validated). */
export type TuneInput =
  | { kind: 'process'; inputs: string[]; settings: Partial<ProcessSettings> }
  | { kind: 'download'; urls: string; settings: Partial<DownloadSettings> };

/** What the tune commands run on. */
export interface TuneCommandsOptions {
  store: RunStore;
  context: RunContext;
  cores: number;
  machine: Machine;
  emit(event: AppEvent): void;
  /** `~/Pictures` and relative paths as the user means them. */
  resolvePath(typed: string): string;
}

interface RunningSweep {
  controller: AbortController;
  done: Promise<void>;
  currentRunId: number | null;
}

/** The commands, plus what the command service needs to cancel runs and quit. */
export interface TuneCommands {
  start(input: TuneInput): Promise<CommandResults['sweep:start']>;
  cancel(sweepId: number): boolean;
  latest(): CommandResults['sweeps:latest'];
  /** Cancels the sweep whose run this is (so Cancel on the live run stops the whole Tune). */
  cancelByRun(runId: number): boolean;
  /** Cancels every sweep and waits for them to end. */
  dispose(): Promise<void>;
}

/** Creates the commands with their bookkeeping of sweeps in progress. */
export function createTuneCommands(options: TuneCommandsOptions): TuneCommands {
  const { store, machine } = options;
  const running = new Map<number, RunningSweep>();

  function requestOf(input: TuneInput): SweepRequest {
    const remembered = readSettings(store, options.cores);
    if (input.kind === 'process') {
      return {
        kind: 'process',
        inputs: input.inputs.map((typed) => options.resolvePath(typed)),
        settings: { ...remembered.process, ...input.settings },
        workers: defaultWorkerList(options.cores),
        threads: [1],
        sample: DEFAULT_SWEEP_IMAGES,
      };
    }
    return {
      kind: 'download',
      urlsText: input.urls,
      sourceName: 'pasted URLs',
      settings: { ...remembered.download, ...input.settings },
      concurrency: DEFAULT_CONCURRENCY_LIST,
      sample: DEFAULT_SWEEP_URLS,
    };
  }

  /** The default Tune leaves: the fastest combination, only from a sweep that ran to its end. */
  function remember(request: SweepRequest, result: SweepResult): TunedChoice | null {
    if (result.status !== 'completed' || !result.best) return null;
    const tuned: TunedChoice = {
      sweepId: result.sweepId,
      kind: result.kind,
      combination: result.best,
      at: new Date().toISOString(),
      signature: request.kind === 'process' ? tuneSignature(request.settings) : null,
    };
    writeTuned(store, tuned, machine);
    const remembered = readSettings(store, options.cores);
    const { workers, threads, concurrency } = result.best;
    if (request.kind === 'process' && workers !== null && threads !== null)
      writeSettings(store, { process: { ...remembered.process, workers, threads } });
    if (request.kind === 'download' && concurrency !== null)
      writeSettings(store, { download: { ...remembered.download, concurrency } });
    return tuned;
  }

  async function start(input: TuneInput): Promise<CommandResults['sweep:start']> {
    const request = requestOf(input);
    const entry: RunningSweep = {
      controller: new AbortController(),
      done: Promise.resolve(),
      currentRunId: null,
    };
    let sweepId: number | null = null;
    let combinationCount = 0;
    let answer: (value: CommandResults['sweep:start']) => void = () => undefined;
    const created = new Promise<CommandResults['sweep:start']>((resolve) => (answer = resolve));
    const finish = (payload: SweepFinished) => {
      running.delete(payload.sweepId);
      options.emit({ name: 'sweep:finished', payload });
    };
    const sweep = runSweep(request, options.context, {
      signal: entry.controller.signal,
      onSweepCreated: (id, combinations, sample) => {
        sweepId = id;
        combinationCount = combinations.length;
        running.set(id, entry);
        answer({ sweepId: id, combinations, sample });
      },
      onRunStarted: (runId, combination, index) => {
        entry.currentRunId = runId;
        if (sweepId === null) return;
        options.emit({
          name: 'sweep:progress',
          payload: { sweepId, kind: request.kind, index, of: combinationCount, runId, combination },
        });
      },
    });
    entry.done = sweep.then(
      (result) => {
        let tuned: TunedChoice | null = null;
        let error: string | null = null;
        try {
          tuned = remember(request, result);
        } catch (e) {
          error = `the sweep ran, but its answer could not be remembered: ${messageOf(e)}`;
        }
        finish({ sweepId: result.sweepId, kind: result.kind, result, tuned, error });
      },
      (e: unknown) => {
        // Before the sweep was stored (choosing the sample), the failure is the command's answer.
        if (sweepId !== null)
          finish({ sweepId, kind: request.kind, result: null, tuned: null, error: messageOf(e) });
      },
    );
    return Promise.race([
      created,
      sweep.then(
        () => created,
        (e: unknown) => {
          if (sweepId === null) throw e;
          return created;
        },
      ),
    ]);
  }

  function latestOf(kind: SweepResult['kind']): SweepResult | null {
    for (const sweepId of store.insights.latestSweeps(kind, SWEEPS_READ)) {
      const firstRun = store.insights.getSweep(sweepId)?.runIds[0];
      const run = firstRun === undefined ? null : store.getRun(firstRun);
      if (!run || run.machine.cpuModel !== machine.cpuModel || run.machine.cores !== machine.cores)
        continue;
      const result = storedSweepResult(store, sweepId);
      if (result) return result;
    }
    return null;
  }

  return {
    start,
    cancel(sweepId) {
      const sweep = running.get(sweepId);
      if (!sweep) return false;
      sweep.controller.abort();
      return true;
    },
    cancelByRun(runId) {
      const sweep = [...running.values()].find((s) => s.currentRunId === runId);
      if (!sweep) return false;
      sweep.controller.abort();
      return true;
    },
    latest() {
      return {
        process: latestOf('process'),
        download: latestOf('download'),
        tuned: {
          process: readTuned(store, 'process', machine),
          download: readTuned(store, 'download', machine),
        },
      };
    },
    async dispose() {
      const sweeps = [...running.values()];
      for (const sweep of sweeps) sweep.controller.abort();
      await Promise.allSettled(sweeps.map((s) => s.done));
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
