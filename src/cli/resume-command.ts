/**
 * `photobatch resume <run-id> [--queue URL [--local-workers N]]`: continues a cancelled or
 * interrupted run as a new, linked run, on this computer or through a queue. The queue's URL is
 * given again rather than taken from the run: the store does not keep it (it may hold the
 * password), and the queue's machines may not be the same ones today. Download runs are resumed
 * by download-resume.ts.
 */
import { startProcessRun } from '../engine/process-run.js';
import { startQueueRun } from '../engine/queue-runs.js';
import { namesMachines } from '../shared/lane-groups.js';
import { QUEUE_OPTIONS, queueChoiceFrom } from './process-options.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { openStore } from './open-store.js';
import { limitedOption, parseCommandLine, runIdArgument } from './parse-command-line.js';
import { PROCESS_LIMITS } from '../shared/settings-limits.js';
import { cliRunContext } from './run-context.js';
import { runToEnd } from './run-until-done.js';
import { RESUME_USAGE } from './usage.js';

/** Runs the command; returns the exit status. */
export async function resumeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    workers: { type: 'string' },
    ...QUEUE_OPTIONS,
  });
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
    const queue = queueChoiceFrom(values);
    if (previous.kind === 'download') {
      if (queue)
        throw new CliUsageError('--queue resumes process runs; a download run resumes here');
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
    const request = {
      inputs: previous.inputs,
      outDir: previous.outDir,
      settings: { ...settings, ...(workers ? { workers } : {}) },
      label: previous.label,
      resumedFrom: runId,
    };
    if (!queue && namesMachines(previous.machines))
      io.stderr.write(
        `photobatch: run ${runId} went through a queue; resuming on this computer ` +
          '(pass --queue URL to use the queue again)\n',
      );
    const context = cliRunContext(io, store);
    return await runToEnd(
      () =>
        queue
          ? startQueueRun(request, queue, context, '--queue')
          : startProcessRun(request, context),
      io,
      values.json === true,
    );
  } finally {
    store.close();
  }
}
