/**
 * `photobatch worker --redis URL [--concurrency N] [--threads T] [--name NAME] [--map FROM=TO]...`:
 * this machine takes image tasks from the queue into its own pool of worker processes until
 * SIGINT/SIGTERM (stop taking jobs, finish the ones in flight, exit 0; a second signal: 130).
 */
import os from 'node:os';
import { forkHostFactory } from '../engine/fork-host.js';
import { parsePathMappings } from '../engine/queue/path-map.js';
import { checkQueueServer } from '../engine/queue/queue-connection.js';
import { queueTimings } from '../engine/queue/queue-timings.js';
import { parseQueueUrl } from '../engine/queue/queue-url.js';
import { defaultWorkerName, QueueWorker } from '../engine/queue/queue-worker.js';
import { defaultProcessSettings } from '../shared/settings.js';
import { PROCESS_LIMITS } from '../shared/settings-limits.js';
import { CliUsageError, EXIT } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { limitedOption, parseCommandLine } from './parse-command-line.js';
import { WORKER_USAGE } from './usage.js';

const WORKER_OPTIONS = {
  redis: { type: 'string' },
  concurrency: { type: 'string' },
  threads: { type: 'string' },
  name: { type: 'string' },
  map: { type: 'string', multiple: true },
} as const;

/** Runs the command; returns the exit status once stopped. */
export async function workerCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, WORKER_OPTIONS);
  if (values.help) {
    io.stdout.write(`${WORKER_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.redis) throw new CliUsageError('--redis URL is required (where the queue is)');
  const url = parseQueueUrl(values.redis, '--redis');
  const mappings = parsePathMappings(values.map ?? []);
  const defaults = defaultProcessSettings(os.availableParallelism());
  const concurrency =
    limitedOption('concurrency', values.concurrency, PROCESS_LIMITS.workers) ??
    os.availableParallelism();
  const threads = limitedOption('threads', values.threads, PROCESS_LIMITS.threads) ?? 1;
  const name = values.name ?? defaultWorkerName();
  if (!/^[\w.@-]{1,100}$/.test(name)) {
    throw new CliUsageError(`--name must be letters, digits, ".", "-", "_" or "@", got "${name}"`);
  }
  await checkQueueServer(url, '--redis');

  const say = (message: string) => io.stderr.write(`photobatch worker ${name}: ${message}\n`);
  const worker = new QueueWorker({
    url,
    name,
    concurrency,
    threads,
    mappings,
    hostFactory: forkHostFactory,
    timings: queueTimings(io.env),
    taskTimeoutMs: defaults.timeoutMs,
    onNotice: say,
  });
  await worker.ready();
  say(
    `taking tasks from ${url.shown} with ${concurrency} worker process${concurrency === 1 ? '' : 'es'} ` +
      '(Ctrl-C stops after the images in flight)',
  );
  await new Promise<void>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) process.exit(EXIT.cancelled);
      signalled = true;
      say(`${signal}: finishing the images in flight (again to stop at once)…`);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await worker.stop();
  say('stopped');
  return EXIT.ok;
}
