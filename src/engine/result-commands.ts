/**
 * The commands that put a run's results in the user's hands: retry its failed photos as a new
 * linked run, show an output in the file manager, open the output folder. Paths are never taken
 * from the window: they are looked up from the store and confined by run-files.ts.
 */
import { stat } from 'node:fs/promises';
import type { CommandResults } from '../shared/contract.js';
import type { RunRecord } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import { resumeDownloadRun } from './download/resume-download.js';
import { startProcessRun } from './process-run.js';
import type { RunContext, RunHandle } from './process-run.js';
import { retryFailedRequest } from './resume-request.js';
import { resolveRunFile } from './run-files.js';
import { UsageError } from './usage-error.js';

/** What the host can do with files (desktop only; the web shell has neither). */
export interface FileManagerAbilities {
  /** Shows a folder in the file manager; false if it could not. */
  openFolder(folder: string): Promise<boolean>;
  /** Shows a file selected in its folder; absent where there is no file manager to show. */
  revealItem?(file: string): Promise<boolean>;
}

/** What these commands run on. */
export interface ResultCommandsOptions {
  store: RunStore;
  host: FileManagerAbilities & { kind: 'electron' | 'web' };
  context: RunContext & { store: RunStore };
  mustGetRun(runId: number): RunRecord;
  isActive(runId: number): boolean;
  track(handle: RunHandle): { runId: number };
}

/** The handlers of `runs:retryFailed`, `shell:showItem` and `shell:openOutputFolder`. */
export function resultCommands(o: ResultCommandsOptions) {
  return {
    async 'runs:retryFailed'({
      runId,
    }: {
      runId: number;
    }): Promise<CommandResults['runs:retryFailed']> {
      const run = o.mustGetRun(runId);
      // A download run's resume fetches exactly what was not saved, the failures included.
      if (run.kind === 'download') {
        if (o.isActive(runId))
          throw new UsageError(
            `Run ${runId} is still running; retry its failures once it has ended.`,
          );
        return o.track(await resumeDownloadRun(runId, o.store, o.context));
      }
      const failed = o.store.itemsWithStatus(runId, ['failed']).map((item) => item.source);
      const request = retryFailedRequest(run, failed, o.isActive(runId));
      return o.track(await startProcessRun(request, o.context));
    },

    async 'shell:showItem'({
      runId,
      seq,
    }: {
      runId: number;
      seq: number;
    }): Promise<CommandResults['shell:showItem']> {
      if (!o.host.revealItem)
        throw new UsageError('Showing a file in its folder needs the desktop app.');
      const file = await resolveRunFile(o.store, runId, seq, 'output');
      if (!file.ok) throw new UsageError(`Cannot show it: ${file.reason}.`);
      return { shown: await o.host.revealItem(file.path) };
    },

    async 'shell:openOutputFolder'({
      runId,
    }: {
      runId: number;
    }): Promise<CommandResults['shell:openOutputFolder']> {
      if (o.host.kind !== 'electron')
        throw new UsageError(
          'Opening a folder needs the desktop app; download the results instead.',
        );
      const run = o.mustGetRun(runId);
      const isFolder = await stat(run.outDir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isFolder)
        throw new UsageError(`${run.outDir} is not a folder that exists, so it can't be opened.`);
      return { opened: await o.host.openFolder(run.outDir) };
    },
  };
}
