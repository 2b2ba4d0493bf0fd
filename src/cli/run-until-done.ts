/**
 * Runs a started run to its end in the CLI: SIGINT/SIGTERM cancel it (exit 130, stored as
 * cancelled, no temp files, no workers left), then prints the summary.
 */
import type { RunSummary } from '../shared/records.js';
import type { RunHandle } from '../engine/run-types.js';
import { EXIT, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { formatDuration } from './format-figures.js';

/** Waits for the run, handling signals; returns the exit status. */
export async function runUntilDone(handle: RunHandle, io: CliIo, json: boolean): Promise<number> {
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
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (json) printJson(io, summary);
  else printSummary(io, summary);
  if (summary.status === 'cancelled') return EXIT.cancelled;
  return summary.items.failed > 0 ? EXIT.itemsFailed : EXIT.ok;
}

function printSummary(io: CliIo, s: RunSummary): void {
  const rate = s.wallMs ? (s.items.ok / (s.wallMs / 1000)).toFixed(2) : '–';
  io.stdout.write(
    `run ${s.runId}${s.label ? ` "${s.label}"` : ''}: ${s.status}, ${s.items.ok} ok, ${s.items.failed} failed, ` +
      `${s.items.skipped} skipped of ${s.items.total} in ${formatDuration(s.wallMs)} (${rate}/s, ${parallelism(s)})\n`,
  );
  for (const f of s.failures.slice(0, 50)) io.stdout.write(`  failed: ${f.source}: ${f.error}\n`);
  if (s.failures.length > 50)
    io.stdout.write(`  … and ${s.failures.length - 50} more (photobatch show ${s.runId})\n`);
}

function parallelism(s: RunSummary): string {
  if (s.kind === 'download' && s.settings.download) {
    const processing = s.settings.process
      ? `, ${s.workers} worker${s.workers === 1 ? '' : 's'}`
      : '';
    return `concurrency ${s.settings.download.concurrency}${processing}`;
  }
  return `${s.workers} worker${s.workers === 1 ? '' : 's'}`;
}
