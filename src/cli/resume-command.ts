/**
 * `photobatch resume <run-id>`: continues a cancelled or interrupted run as a new, linked run.
 * Download runs are resumed by download-resume.ts.
 */
import { startProcessRun } from '../engine/process-run.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { openStore } from './open-store.js';
import { limitedOption, parseCommandLine, runIdArgument } from './parse-command-line.js';
import { PROCESS_LIMITS } from '../shared/settings-limits.js';
import { cliRunContext } from './run-context.js';
import { runUntilDone } from './run-until-done.js';
import { RESUME_USAGE } from './usage.js';

/** Runs the command; returns the exit status. */
export async function resumeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { workers: { type: 'string' } });
  if (values.help || positionals.length !== 1) {
    if (!values.help) throw new CliUsageError('name one run id (see photobatch runs)');
    io.stdout.write(`${RESUME_USAGE}\n`);
    return 0;
  }
  const runId = runIdArgument(positionals[0]);
  const store = openStore(io, values.db);
  try {
    const previous = store.getRun(runId);
    if (!previous) throw new CliUsageError(`there is no run ${runId}`);
    if (previous.kind === 'download') {
      const workers = limitedOption('workers', values.workers, PROCESS_LIMITS.workers);
      const { resumeDownloadCommand } = await import('./download-resume.js');
      return await resumeDownloadCommand(runId, { workers, json: values.json === true }, io, store);
    }
    if (previous.kind !== 'process')
      throw new CliUsageError(
        `run ${runId} is a ${previous.kind} run; only process runs can be resumed`,
      );
    if (previous.status === 'running' || previous.status === 'completed') {
      throw new CliUsageError(
        `run ${runId} is ${previous.status}; only cancelled, failed or interrupted runs can be resumed`,
      );
    }
    const settings = previous.settings.process!;
    const workers = limitedOption('workers', values.workers, PROCESS_LIMITS.workers);
    const handle = await startProcessRun(
      {
        inputs: previous.inputs,
        outDir: previous.outDir,
        settings: { ...settings, ...(workers ? { workers } : {}) },
        label: previous.label,
        resumedFrom: runId,
      },
      cliRunContext(io, store),
    );
    return await runUntilDone(handle, io, values.json === true);
  } finally {
    store.close();
  }
}
