/**
 * One lifecycle for every kind of run (process, download, download → process, queue runs): it
 * creates the run, owns its clock, recorder, dispatcher, abort signal and cleanup, and in a
 * `finally` always records how the run ended — completed, cancelled, or failed with the reason in
 * words — whichever way its body ends (VS Code's DisposableStore: whatever is acquired is
 * registered at once and released in one place).
 */
import type { WorkerActivity } from '../shared/contract.js';
import type { RunKind, RunRecord, RunSettings, RunStatus } from '../shared/records.js';
import { RunWriter } from '../db/run-writer.js';
import { trackLiveRun } from './live-runs.js';
import { machineInfo } from './machine-info.js';
import { debugLog, describeRunFailure } from './run-failure-words.js';
import { startRunClock } from './run-clock.js';
import type { RunClock } from './run-clock.js';
import { RunRecorder } from './run-recorder.js';
import type { DispatcherRequest, RunContext, RunHandle } from './run-types.js';
import { CancelledError } from './task-dispatcher.js';
import type { TaskDispatcher } from './task-dispatcher.js';
import { WorkerPool } from './worker-pool.js';

/** What to store about a run before it starts, and what it needs. */
export interface RunSpec {
  kind: RunKind;
  label: string | null;
  inputs: string[];
  outDir: string;
  settings: RunSettings;
  resumedFrom: number | null;
  /** Worker processes for its image tasks; 0 for a run with none (a download-only run). */
  workers: number;
  threads: number;
  pipeline: string | null;
  taskTimeoutMs: number;
}

/** What a run's body works with. Everything here is released by the lifecycle, not the body. */
export interface RunScope {
  readonly run: RunRecord;
  readonly recorder: RunRecorder;
  readonly clock: RunClock;
  /** Aborted when the run is cancelled or fails; the body stops promptly and returns. */
  readonly signal: AbortSignal;
  /** Where image tasks go; null for a run with no workers. */
  readonly dispatcher: TaskDispatcher | null;
  /** Registers a cleanup, run (last registered first) once the dispatcher has stopped. */
  defer(cleanup: () => unknown): void;
  /** What progress shows as the run's lanes, when they are not the dispatcher's workers. */
  showActivity(activity: () => WorkerActivity[]): void;
}

/** The work of a run: resolves when it is done, or soon after `scope.signal` aborts. */
export type RunBody = (scope: RunScope) => Promise<void>;

/** Why a run was stopped from outside: the user cancelled it, or something broke around it. */
type StopReason = { kind: 'cancel' } | { kind: 'fault'; message: string };

function defaultDispatcher(context: RunContext, request: DispatcherRequest): TaskDispatcher {
  return new WorkerPool({
    size: request.workers,
    threads: request.threads,
    hostFactory: context.hostFactory,
    taskTimeoutMs: request.taskTimeoutMs,
    clock: request.clock,
  });
}

/**
 * Starts a run: its workers first (they start while the body scans), then its stored row, then
 * the body. Throws only if the run cannot even be stored (nothing is left behind then); every
 * later failure ends the run `failed` in `finished`.
 */
export function launchRun(spec: RunSpec, context: RunContext, body: RunBody): RunHandle {
  const clock = startRunClock();
  const request = {
    workers: spec.workers,
    threads: spec.threads,
    taskTimeoutMs: spec.taskTimeoutMs,
    clock: clock.now,
  };
  const dispatcher =
    spec.workers > 0
      ? (context.dispatcherFactory ?? ((r) => defaultDispatcher(context, r)))(request)
      : null;
  let run: RunRecord;
  try {
    run = context.store.createRun({
      kind: spec.kind,
      label: spec.label,
      inputs: spec.inputs,
      outDir: spec.outDir,
      settings: spec.settings,
      workers: spec.workers,
      threads: spec.threads,
      pipeline: spec.pipeline,
      machine: machineInfo(),
      resumedFrom: spec.resumedFrom,
    });
  } catch (error) {
    clock.end('cancelled');
    void dispatcher?.cancel();
    throw error;
  }
  dispatcher?.bindRun?.({ id: run.id, inputs: spec.inputs, outDir: spec.outDir });
  const writer = new RunWriter(context.store, run.id, {
    onTrouble: (message) => context.onNotice?.(message),
    onRecovered: () => context.onNotice?.('the history database can be written again'),
  });
  let lanes: (() => WorkerActivity[]) | null = null;
  const activity = () => lanes?.() ?? dispatcher?.activity() ?? [];
  // A listener that throws (a closed socket, a window gone) must not end the run.
  const emit: RunContext['onEvent'] = (event) => {
    try {
      context.onEvent(event);
    } catch (error) {
      debugLog(error);
    }
  };
  const recorder = new RunRecorder(run, writer, emit, clock.now, activity);
  const controller = new AbortController();
  const cleanups: (() => unknown)[] = [];
  let stopReason: StopReason | null = null;
  const stop = (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    controller.abort();
    void dispatcher?.cancel();
  };
  const scope: RunScope = {
    run,
    recorder,
    clock,
    signal: controller.signal,
    dispatcher,
    defer: (cleanup) => cleanups.push(cleanup),
    showActivity: (source) => {
      lanes = source;
    },
  };

  const finished = (async () => {
    let fault: string | null = null;
    try {
      await body(scope);
      if (!stopReason) await dispatcher?.close();
    } catch (error) {
      // A cancelled task surfacing after a stop is the stop itself, not a fault.
      if (!(stopReason && error instanceof CancelledError)) {
        fault = describeRunFailure(error);
        debugLog(error);
      }
      // Whatever of the body still runs (another fetcher, a scan) stops before the cleanup.
      controller.abort();
    } finally {
      await dispatcher?.cancel().catch(() => undefined);
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          context.onNotice?.(`run ${run.id}: cleaning up failed: ${describeRunFailure(error)}`);
        }
      }
    }
    const reason = stopReason as StopReason | null;
    if (!fault && reason?.kind === 'fault') fault = reason.message;
    const status: Exclude<RunStatus, 'running' | 'interrupted'> = fault
      ? 'failed'
      : reason
        ? 'cancelled'
        : 'completed';
    const end = clock.end(status, dispatcher?.stats());
    const versions = dispatcher?.versions() ?? null;
    const machines = dispatcher?.machines?.();
    // A queue run's workers are the lanes that served it, not the count it was started with.
    const lanes = machines?.reduce((sum, m) => sum + m.lanes, 0) ?? 0;
    return recorder.finish({
      ...end,
      error: fault,
      ...(machines ? { machines } : {}),
      ...(lanes > 0 ? { workers: lanes } : {}),
      ...(versions ? { machine: machineInfo(versions) } : {}),
    });
  })();
  trackLiveRun(run.id, { fail: (message) => stop({ kind: 'fault', message }), finished });
  return { runId: run.id, finished, cancel: () => stop({ kind: 'cancel' }) };
}
