/**
 * `photobatch process <input>... --out DIR [options]`
 *
 * Only what reads the settings is loaded before the workers are forked; the engine (scan, plan,
 * store, lifecycle) loads after, while the workers start (Node, then libvips), so the two overlap.
 */
import { forkPoolEarly } from '../engine/early-pool.js';
import { forkHostFactory } from '../engine/fork-host.js';
import type { ProcessSettings } from '../shared/settings.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { parseCommandLine } from './parse-command-line.js';
import {
  PROCESS_OPTIONS,
  processSettingsFrom,
  QUEUE_OPTIONS,
  queueChoiceFrom,
} from './process-options.js';
import { presetFromOption } from './preset-option.js';
import { PROCESS_USAGE } from './usage.js';

/** Runs the command; returns the exit status. */
export async function processCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...PROCESS_OPTIONS, ...QUEUE_OPTIONS });
  if (values.help) {
    io.stdout.write(`${PROCESS_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new CliUsageError('name at least one input folder or image');
  if (!values.out) throw new CliUsageError('--out DIR is required (where the processed images go)');
  const outDir = values.out;
  const settings = processSettingsFrom(
    values,
    await presetFromOption(values.preset, io, values.db),
  );
  const queue = queueChoiceFrom(values);
  // The workers start now, while the store opens and the inputs are checked; a queue is
  // checked (and its local workers started) before anything is stored.
  const early = queue
    ? await queueDispatchers(queue, settings, io)
    : forkPoolEarly(settings, forkHostFactory);
  try {
    const [{ startProcessRun }, { openStore }, { cliRunContext }, { runToEnd }] = await Promise.all(
      [
        import('../engine/process-run.js'),
        import('./open-store.js'),
        import('./run-context.js'),
        import('./run-until-done.js'),
      ],
    );
    const store = openStore(io, values.db);
    try {
      return await runToEnd(
        () =>
          startProcessRun(
            { inputs: positionals, outDir, settings, label: values.label ?? null },
            { ...cliRunContext(io, store), dispatcherFactory: early.dispatcherFactory },
          ),
        io,
        values.json === true,
      );
    } finally {
      store.close();
    }
  } finally {
    await early.release();
  }
}

/** The queue's dispatcher (loaded only for `--queue`, so a local run never loads BullMQ). */
async function queueDispatchers(
  queue: { url: string; localWorkers: number },
  settings: ProcessSettings,
  io: CliIo,
) {
  const { prepareQueue } = await import('../engine/queue/queue-setup.js');
  return prepareQueue({
    url: queue.url,
    option: '--queue',
    localWorkers: queue.localWorkers,
    threads: settings.threads,
    taskTimeoutMs: settings.timeoutMs,
    hostFactory: forkHostFactory,
    onNotice: (message) => io.stderr.write(`photobatch: ${message}\n`),
    env: io.env,
  });
}
