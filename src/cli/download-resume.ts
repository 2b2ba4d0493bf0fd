/**
 * `photobatch resume <download-run-id>`: fetches only the URLs the run did not save, into the same
 * folder, as a new run linked to it; with processing, processes only what was not processed.
 */
import type { RunStore } from '../db/run-store.js';
import { resumeDownloadRun } from '../engine/download/resume-download.js';
import type { CliIo } from './cli-io.js';
import { cliRunContext } from './run-context.js';
import { runToEnd } from './run-until-done.js';

/** Resumes download run `runId`; returns the exit status. */
export async function resumeDownloadCommand(
  runId: number,
  options: { workers?: number; json: boolean },
  io: CliIo,
  store: RunStore,
): Promise<number> {
  return runToEnd(
    () => resumeDownloadRun(runId, store, cliRunContext(io, store), { workers: options.workers }),
    io,
    options.json,
  );
}
