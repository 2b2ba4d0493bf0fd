/**
 * `photobatch sweep <input>... [--workers 1,2,4] [--threads 1,2] [--sample N] [process options]`
 * `photobatch sweep --urls <file|-> [--concurrency 1,4,16,64] [--sample N]`
 * Runs one sample once per combination and says which was fastest here, and how well Amdahl's
 * law fits the measured speedups.
 */
import { describeFit } from '../shared/amdahl.js';
import {
  formatDuration,
  formatNumber,
  formatPercent,
  formatRatio,
} from '../shared/format-figures.js';
import { DOWNLOAD_LIMITS, PROCESS_LIMITS } from '../shared/settings-limits.js';
import {
  DEFAULT_SWEEP_IMAGES,
  DEFAULT_SWEEP_URLS,
  describeCombination,
  runSweep,
} from '../engine/sweep-run.js';
import type { SweepRequest, SweepResult } from '../engine/sweep-run.js';
import { CliUsageError, EXIT, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { DOWNLOAD_OPTIONS, downloadSettingsFrom } from './download-options.js';
import { readUrlList } from './url-list-input.js';
import { formatTable } from './format-table.js';
import { openStore } from './open-store.js';
import { intOption, parseCommandLine } from './parse-command-line.js';
import { processSettingsFrom } from './process-options.js';
import { cliRunContext } from './run-context.js';
import { presetFromOption } from './preset-option.js';
import { DEFAULT_CONCURRENCY_LIST, defaultWorkerList, listOption } from './sweep-options.js';
import { SWEEP_USAGE } from './usage.js';

const { out: _out, label: _label, process: _process, ...SWEEP_SHARED } = DOWNLOAD_OPTIONS;
const SWEEP_OPTIONS = {
  ...SWEEP_SHARED,
  urls: { type: 'string' },
  sample: { type: 'string' },
} as const;

/** Options that only mean something for one kind of sweep. */
const IMAGE_ONLY = [
  'blur',
  'fit',
  'format',
  'quality',
  'workers',
  'threads',
  'pipeline',
  'existing',
  'metadata',
  'max-pixels',
  'timeout-per-image',
  'name',
  'preset',
] as const;
const URL_ONLY = ['concurrency', 'retries', 'timeout', 'max-bytes', 'max-redirects'] as const;

/** Most images or URLs in a sample: a sweep is a measurement, not the real work. */
const MAX_SAMPLE = 10_000;

/** Runs the command; returns the exit status. */
export async function sweepCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, SWEEP_OPTIONS);
  if (values.help) {
    io.stdout.write(`${SWEEP_USAGE}\n`);
    return 0;
  }
  const request = await sweepRequest(values, positionals, io);
  const store = openStore(io, values.db);
  const controller = new AbortController();
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(EXIT.cancelled);
    signalled = true;
    io.stderr.write(`\n${signal}: cancelling the sweep…\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runSweep(request, cliRunContext(io, store), {
      signal: controller.signal,
      onRunStarted: (runId, combination, index) =>
        io.stderr.write(
          `photobatch: sweep combination ${index + 1}: ${describeCombination(combination)} (run ${runId})\n`,
        ),
    });
    if (values.json) printJson(io, sweepJson(result));
    else io.stdout.write(sweepReport(result));
    if (signalled) return EXIT.cancelled;
    return result.status === 'completed' ? EXIT.ok : EXIT.itemsFailed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    store.close();
  }
}

type SweepValues = ReturnType<typeof parseCommandLine<typeof SWEEP_OPTIONS>>['values'];

async function sweepRequest(
  values: SweepValues,
  positionals: string[],
  io: CliIo,
): Promise<SweepRequest> {
  const sampleOption = intOption('sample', values.sample, 1, MAX_SAMPLE);
  if (values.urls !== undefined) {
    if (positionals.length > 0)
      throw new CliUsageError('give either inputs to process or --urls, not both');
    const stray = IMAGE_ONLY.find((name) => values[name] !== undefined);
    if (stray) throw new CliUsageError(`--${stray} does not apply to a URL sweep (--urls)`);
    const { text, sourceName } = await readUrlList(values.urls);
    return {
      kind: 'download',
      urlsText: text,
      sourceName,
      settings: downloadSettingsFrom(values),
      concurrency:
        listOption('concurrency', values.concurrency, DOWNLOAD_LIMITS.concurrency) ??
        DEFAULT_CONCURRENCY_LIST,
      sample: sampleOption ?? DEFAULT_SWEEP_URLS,
    };
  }
  if (positionals.length === 0)
    throw new CliUsageError('name at least one input folder or image, or --urls FILE');
  const stray = URL_ONLY.find((name) => values[name] !== undefined);
  if (stray) throw new CliUsageError(`--${stray} only applies to a URL sweep (--urls)`);
  const { workers, threads, ...processValues } = values;
  return {
    kind: 'process',
    inputs: positionals,
    settings: processSettingsFrom(
      processValues,
      await presetFromOption(values.preset, io, values.db),
    ),
    workers: listOption('workers', workers, PROCESS_LIMITS.workers) ?? defaultWorkerList(),
    threads: listOption('threads', threads, PROCESS_LIMITS.threads) ?? [1],
    sample: sampleOption ?? DEFAULT_SWEEP_IMAGES,
  };
}

/** What `--json` prints: the interface scripts rely on. */
export function sweepJson(result: SweepResult) {
  return {
    sweepId: result.sweepId,
    kind: result.kind,
    status: result.status,
    sample: result.sample,
    runs: result.runs.map((r) => ({
      runId: r.runId,
      workers: r.workers,
      threads: r.threads,
      concurrency: r.concurrency,
      status: r.status,
      wallMs: r.wallMs,
      itemsPerSecond: r.itemsPerSecond,
      speedup: r.speedup,
      efficiency: r.efficiency,
    })),
    best: result.best,
    serialFraction: result.fit?.serialFraction ?? null,
    fit: result.fit
      ? { ...result.fit, note: describeFit(result.fit) }
      : { note: describeFit(null) },
  };
}

/** The table and the verdict, for people. */
export function sweepReport(result: SweepResult): string {
  const noun = result.kind === 'download' ? 'files' : 'images';
  const rows = result.runs.map((r) => [
    describeCombination(r),
    String(r.runId),
    r.status,
    formatDuration(r.wallMs),
    formatNumber(r.itemsPerSecond),
    formatRatio(r.speedup, 'x'),
    formatPercent(r.efficiency),
  ]);
  const table = formatTable(
    ['combination', 'run', 'status', 'wall', `${noun}/s`, 'speedup', 'efficiency'],
    rows,
  );
  const lines = [
    `sweep ${result.sweepId}: ${result.sample} ${noun}, ${result.runs.length} combination${result.runs.length === 1 ? '' : 's'}${result.status === 'partial' ? ' (partial: it stopped before the last one)' : ''}`,
  ];
  if (result.best) lines.push(`Fastest on this computer: ${describeCombination(result.best)}.`);
  lines.push(`${describeFit(result.fit)}.`);
  return `${table}${lines.join('\n')}\n`;
}
