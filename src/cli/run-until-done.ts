/**
 * Runs a started run to its end in the CLI: SIGINT/SIGTERM cancel it (exit 130, stored as
 * cancelled, no temp files, no workers left), then prints the summary. A run that failed is said
 * in one line with its reason (exit 1); a history that could not be saved is said in one line too.
 */
import type { RunSummary } from '../shared/records.js';
import { formatDuration, formatRate } from '../shared/format-figures.js';
import { itemsPerSecond, runParallelism } from '../shared/run-figures.js';
import type { RunHandle } from '../engine/run-types.js';
import { EXIT, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { terminalText } from './terminal-text.js';
import { keptOriginalCountText } from '../shared/kept-original.js';
import { holdSignals } from './held-signals.js';

/**
 * Starts a run and waits for it: a signal while it starts (after `run … started`, before its
 * handle is known) is held and cancels the run as soon as it is, instead of killing the CLI.
 */
export async function runToEnd(
  start: () => Promise<RunHandle>,
  io: CliIo,
  json: boolean,
): Promise<number> {
  const signals = holdSignals(io);
  try {
    const handle = await start();
    signals.release(handle);
    return await runUntilDone(handle, io, json);
  } finally {
    signals.dispose();
  }
}

/** Waits for the run, handling signals; returns the exit status. */
async function runUntilDone(handle: RunHandle, io: CliIo, json: boolean): Promise<number> {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second Ctrl-C while cancelling: leave now (workers die with us).
      process.exit(EXIT.cancelled);
    }
    signalled = true;
    io.stderr.write(`\n${signal}: cancelling run ${handle.runId}…\n`);
    handle.cancel();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let summary: RunSummary;
  try {
    summary = await handle.finished;
  } finally {
    // A signal arriving now, as the CLI exits (a second SIGTERM 50 ms after the first), must not
    // kill it by default action: exit 143 instead of the 130 that DESIGN.md promises. The late
    // handlers go on before the run's come off: with no listener at all, even for an instant,
    // Node restores the default action and a signal in that instant kills the process.
    ignoreLateSignals();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (json) printJson(io, summary);
  else printSummary(io, summary);
  if (summary.historyError) io.stderr.write(`photobatch: ${terminalText(summary.historyError)}\n`);
  if (summary.status === 'cancelled') return EXIT.cancelled;
  if (summary.status === 'failed') return EXIT.itemsFailed;
  return summary.items.failed > 0 ? EXIT.itemsFailed : EXIT.ok;
}

let lateSignalsIgnored = false;

function ignoreLateSignals(): void {
  if (lateSignalsIgnored) return;
  lateSignalsIgnored = true;
  // Leaving is still what the signal asks; only the status is ours to choose.
  const leave = () => process.exit(EXIT.cancelled);
  process.on('SIGINT', leave);
  process.on('SIGTERM', leave);
}

function printSummary(io: CliIo, s: RunSummary): void {
  const rate = formatRate(
    itemsPerSecond(s.items, s.wallMs),
    s.kind === 'download' ? 'files' : 'images',
  );
  const why = s.status === 'failed' && s.error ? ` (${terminalText(s.error)})` : '';
  io.stdout.write(
    `run ${s.runId}${s.label ? ` "${terminalText(s.label)}"` : ''}: ${s.status}${why}, ${s.items.ok} ok${keptOriginalCountText(s.items.keptOriginal ?? 0)}, ${s.items.failed} failed, ` +
      `${s.items.skipped} skipped of ${s.items.total} in ${formatDuration(s.wallMs)} (${rate}, ${parallelism(s)})\n`,
  );
  for (const f of s.failures.slice(0, 50))
    io.stdout.write(`  failed: ${terminalText(f.source)}: ${terminalText(f.error)}\n`);
  if (s.failures.length > 50)
    io.stdout.write(`  … and ${s.failures.length - 50} more (photobatch show ${s.runId})\n`);
}

function parallelism(s: RunSummary): string {
  const n = runParallelism(s);
  if (s.kind === 'download') {
    const processing = s.settings.process
      ? `, ${s.workers} worker${s.workers === 1 ? '' : 's'}`
      : '';
    return `concurrency ${n}${processing}`;
  }
  return `${n} worker${n === 1 ? '' : 's'}`;
}
