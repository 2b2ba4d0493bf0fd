/**
 * Every contract command, implemented once on top of the engine and the store. Electron main and
 * the web shell are thin relays over `dispatch`: they only move names, inputs, answers and events.
 * What differs between hosts (a native folder picker, opening a folder) comes in as `HostAbilities`.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseCommandInput } from '../shared/contract.js';
import type {
  AppEvent,
  AppSettings,
  CommandName,
  CommandOutcome,
  CommandResults,
  UploadLimits,
} from '../shared/contract.js';
import type * as z from 'zod';
import type { commandSchemas } from '../shared/contract.js';
import { compareRuns } from '../shared/compare-runs.js';
import type { RunRecord } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import type { WorkerHostFactory } from './worker-host.js';
import { startProcessRun } from './process-run.js';
import type { RunHandle } from './run-types.js';
import { startDownloadRun } from './download/download-run.js';
import { resumeDownloadRun } from './download/resume-download.js';
import { readSettings, writeSettings } from './remembered-settings.js';
import { estimateInputs } from './estimate-inputs.js';
import { machineInfo } from './machine-info.js';
import { noEstimate } from '../shared/run-estimate.js';
import { UsageError } from './usage-error.js';
import { recommendWorkers } from './worker-recommendation.js';
import { defaultOutDir, resolveUserPath, stamp } from './default-out-dir.js';
import { checkInputs } from './check-inputs.js';
import { resumeRequest } from './resume-request.js';
import { PictureService } from './picture-service.js';
import { resultCommands } from './result-commands.js';
import { createTuneCommands } from './tune-commands.js';
import { askQueue, startQueueRun } from './queue-runs.js';
import { createPresetCommands } from './preset-commands.js';

/** What the hosting shell can do that the engine cannot. */
export interface HostAbilities {
  kind: AppSettings['host'];
  /** A native folder picker; resolves to null when cancelled or when there is none. */
  pickFolder(): Promise<string | null>;
  /** Shows a folder in the system's file manager; false if it could not. */
  openFolder(folder: string): Promise<boolean>;
  /** Desktop: shows a file selected in its folder; absent where there is no file manager. */
  revealItem?(file: string): Promise<boolean>;
  /** Web shell: its upload limits. */
  uploadLimits: UploadLimits | null;
}

/** What the handlers run on. */
export interface CommandHandlersOptions {
  store: RunStore;
  hostFactory: WorkerHostFactory;
  host: HostAbilities;
  /** Where downloads and outputs without a sibling folder go (the user's data folder). */
  dataDir: string;
  /** Every engine event, for the shell to forward to its window(s). */
  emit(event: AppEvent): void;
  /** Defaults to this machine's. */
  cores?: number;
  /** Bound of the thumbnail folder in bytes (tests); default THUMBNAIL_CACHE_BYTES. */
  thumbnailCacheBytes?: number;
}

/** A command's input once validated. */
type ParsedInput<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;

/** The implementation of every command. */
export type CommandHandlers = {
  [K in CommandName]: (input: ParsedInput<K>) => Promise<CommandResults[K]>;
};

/** Handlers plus the runs they started, so a shell can cancel them all when it quits. */
export interface CommandService {
  handlers: CommandHandlers;
  /** Validates the name and input, runs the command, and never throws. */
  dispatch(name: unknown, input: unknown): Promise<CommandOutcome>;
  /** Ids of runs started here and not finished yet. */
  activeRuns(): number[];
  /** Cancels every run still going and waits for them to be recorded. */
  dispose(): Promise<void>;
  /** The window's pictures (started on first use), for the hosts' picture URLs. */
  pictures(): PictureService;
}

/** An error whose message is meant for the user as it is. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

/** Creates the handlers and their run bookkeeping. */
export function createCommandService(options: CommandHandlersOptions): CommandService {
  const { store, host } = options;
  const cores = options.cores ?? availableParallelism();
  const active = new Map<number, RunHandle>();
  let pictureService: PictureService | null = null;
  const pictures = () =>
    (pictureService ??= new PictureService({
      store,
      hostFactory: options.hostFactory,
      dataDir: options.dataDir,
      ...(options.thumbnailCacheBytes !== undefined
        ? { cacheBytes: options.thumbnailCacheBytes }
        : {}),
    }));
  const context = {
    store,
    hostFactory: options.hostFactory,
    onEvent: (event: AppEvent) => {
      // Whoever hears that a run finished must find it no longer active (deletable, not cancellable).
      if (event.name === 'run:finished') active.delete(event.payload.summary.runId);
      options.emit(event);
    },
  };

  /** Keeps a started run until it has finished, whatever way it ends. */
  function track(handle: RunHandle): { runId: number } {
    active.set(handle.runId, handle);
    handle.finished.then(
      () => active.delete(handle.runId),
      () => active.delete(handle.runId),
    );
    return { runId: handle.runId };
  }

  function mustGetRun(runId: number): RunRecord {
    const run = store.getRun(runId);
    if (!run) throw new CommandFailure(`Run ${runId} was not found; it may have been deleted.`);
    return run;
  }

  function appSettings(): AppSettings {
    return {
      ...readSettings(store, cores),
      cores,
      dataDir: options.dataDir,
      host: host.kind,
      uploadLimits: host.uploadLimits,
    };
  }

  const tune = createTuneCommands({
    store,
    context,
    cores,
    machine: machineInfo(),
    emit: options.emit,
    resolvePath: (typed) => resolveUserPath(typed),
  });

  function downloadDir(): string {
    return path.join(options.dataDir, 'downloads', `download-${stamp(new Date())}`);
  }

  const handlers: CommandHandlers = {
    ...createPresetCommands(store, (message) => new CommandFailure(message)),
    async 'process:start'(input) {
      const remembered = readSettings(store, cores);
      const settings = { ...remembered.process, ...input.settings };
      const inputs = input.inputs.map((typed) => resolveUserPath(typed));
      const outDir = input.outDir
        ? resolveUserPath(input.outDir)
        : await defaultOutDir(inputs[0]!, path.join(options.dataDir, 'outputs'));
      // Remember before starting: a run that fails on its inputs still chose these settings.
      writeSettings(store, { process: settings, processFromRun: null });
      const request = { inputs, outDir, settings, label: input.label };
      const handle = input.queue
        ? await startQueueRun(request, input.queue, context)
        : await startProcessRun(request, context);
      writeSettings(store, { processFromRun: handle.runId });
      return track(handle);
    },

    async 'download:start'(input) {
      const remembered = readSettings(store, cores);
      const settings = { ...remembered.download, ...input.settings };
      const process = input.process ? { ...remembered.downloadProcess, ...input.process } : null;
      const outDir = input.outDir ? resolveUserPath(input.outDir) : downloadDir();
      // Download's processing options are its own: the Process screen's stay as the user left them.
      writeSettings(store, {
        download: settings,
        ...(process ? { downloadProcess: process } : {}),
      });
      const handle = await startDownloadRun(
        {
          urlsText: input.urls,
          sourceName: 'pasted URLs',
          outDir,
          settings,
          process,
          label: input.label,
        },
        context,
      );
      return track(handle);
    },

    async 'run:cancel'({ runId }) {
      const handle = active.get(runId);
      if (!handle) return { cancelled: tune.cancelByRun(runId) };
      handle.cancel();
      return { cancelled: true };
    },

    async 'runs:list'(filter) {
      return { runs: store.listRuns(filter) };
    },

    async 'runs:get'({ runId }) {
      return { run: mustGetRun(runId), items: store.listItems(runId) };
    },

    async 'runs:compare'({ runIds, baseline }) {
      if (baseline !== undefined && !runIds.includes(baseline)) {
        throw new CommandFailure(`The baseline, run ${baseline}, is not one of the runs compared.`);
      }
      const runs = runIds.map((runId) => ({
        run: mustGetRun(runId),
        items: store.listItems(runId),
      }));
      return compareRuns(runs, baseline);
    },

    async 'runs:delete'({ runId }) {
      if (active.has(runId))
        throw new CommandFailure(`Run ${runId} is still running; cancel it before deleting it.`);
      return { deleted: store.deleteRun(runId) };
    },

    async 'runs:rerun'({ runId, workers }) {
      return track(await rerun(mustGetRun(runId), workers));
    },

    async 'runs:resume'({ runId }) {
      const run = mustGetRun(runId);
      if (run.kind === 'download') {
        if (active.has(runId))
          throw new CommandFailure(
            `Run ${runId} is still running; there is nothing to resume yet.`,
          );
        return track(await resumeDownloadRun(runId, store, context));
      }
      const request = resumeRequest(run, active.has(runId));
      return track(await startProcessRun(request, context));
    },

    async 'inputs:check'({ inputs }) {
      return checkInputs(inputs.map((typed) => resolveUserPath(typed)));
    },

    async 'settings:get'() {
      return appSettings();
    },

    async 'settings:set'(input) {
      const remembered = readSettings(store, cores);
      writeSettings(store, {
        process: { ...remembered.process, ...input.process },
        download: { ...remembered.download, ...input.download },
        downloadProcess: { ...remembered.downloadProcess, ...input.downloadProcess },
      });
      return appSettings();
    },

    async 'inputs:estimate'(input) {
      const settings = { ...readSettings(store, cores).process, ...input.settings };
      const inputs = input.inputs.map((typed) => resolveUserPath(typed));
      const machine = machineInfo();
      const recommendation = recommendWorkers(store, machine);
      try {
        const { images, megapixels, ...estimate } = await estimateInputs(inputs, settings, store);
        return { images, megapixels, estimate, recommendation };
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        return { images: 0, megapixels: 0, estimate: noEstimate(error.message), recommendation };
      }
    },

    async 'inputs:photos'({ inputs }) {
      return pictures().listPhotos(inputs.map((typed) => resolveUserPath(typed)));
    },

    async 'preview:make'({ selectionId, index, settings }) {
      const merged = { ...readSettings(store, cores).process, ...settings };
      return pictures().preview(selectionId, index, merged);
    },

    async 'sweep:start'(input) {
      return tune.start(input);
    },

    async 'sweep:cancel'({ sweepId }) {
      return { cancelled: tune.cancel(sweepId) };
    },

    async 'sweeps:latest'() {
      return tune.latest();
    },

    async 'queue:workers'({ url }) {
      return askQueue(url);
    },

    async 'dialog:pickFolder'() {
      return { path: await host.pickFolder() };
    },

    async 'shell:openPath'({ path: typed }) {
      const folder = resolveUserPath(typed);
      // Folders only: asking the OS to "open" a file may run it, and the window never needs that.
      const isFolder = await stat(folder).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isFolder)
        throw new CommandFailure(`${folder} is not a folder that exists, so it can't be opened.`);
      return { opened: await host.openFolder(folder) };
    },

    ...resultCommands({
      store,
      host,
      context,
      mustGetRun,
      isActive: (runId) => active.has(runId),
      track,
    }),
  };

  /**
   * Runs a stored run again with the same inputs and settings (optionally another worker count).
   * Outputs are overwritten: they are the same images, and `skip` would leave nothing to time.
   */
  async function rerun(run: RunRecord, workers: number | undefined): Promise<RunHandle> {
    const process = run.settings.process
      ? { ...run.settings.process, existing: 'overwrite' as const, ...(workers ? { workers } : {}) }
      : null;
    if (run.kind === 'process') {
      if (!process) throw new CommandFailure(`Run ${run.id} has no process settings to repeat.`);
      return startProcessRun(
        { inputs: run.inputs, outDir: run.outDir, settings: process, label: run.label },
        context,
      );
    }
    if (!run.settings.download)
      throw new CommandFailure(`Run ${run.id} has no download settings to repeat.`);
    // A download run's inputs name the list; its items hold the URLs, in the order given.
    const urlsText = store
      .listItems(run.id)
      .map((item) => item.source)
      .join('\n');
    return startDownloadRun(
      {
        urlsText,
        sourceName: run.inputs[0] ?? 'pasted URLs',
        outDir: run.outDir,
        settings: run.settings.download,
        process,
        label: run.label,
      },
      context,
    );
  }

  return {
    handlers,
    async dispatch(name, input) {
      const parsed = parseCommandInput(name as CommandName, input);
      if (!parsed.ok) return { ok: false, error: { message: parsed.error } };
      try {
        const handler = handlers[name as CommandName] as (
          input: unknown,
        ) => Promise<CommandResults[CommandName]>;
        return { ok: true, value: await handler(parsed.value) };
      } catch (error) {
        return { ok: false, error: { message: describeFailure(name as CommandName, error) } };
      }
    },
    activeRuns: () => [...active.keys()],
    pictures,
    async dispose() {
      const handles = [...active.values()];
      for (const handle of handles) handle.cancel();
      await Promise.allSettled([...handles.map((handle) => handle.finished), tune.dispose()]);
      await pictureService?.close();
    },
  };
}

/** A failure as one line for the user: the error's own message, never its stack. */
function describeFailure(name: CommandName, error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return `${name} failed: ${String(error)}`;
}
