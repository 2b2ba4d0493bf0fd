/** What every CLI run is hosted on: the shared store, forked workers, progress on stderr. */
import type { RunStore } from '../db/run-store.js';
import { forkHostFactory } from '../engine/fork-host.js';
import type { RunContext } from '../engine/run-types.js';
import type { CliIo } from './cli-io.js';
import { createProgressPrinter } from './progress-printer.js';
import { terminalText } from './terminal-text.js';

/** The run context of a CLI command. */
export function cliRunContext(io: CliIo, store: RunStore): RunContext {
  return {
    store,
    hostFactory: forkHostFactory,
    onEvent: createProgressPrinter(io),
    onNotice: (message) => io.stderr.write(`photobatch: ${terminalText(message)}\n`),
  };
}
