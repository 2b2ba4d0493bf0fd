/**
 * Ctrl-C while a run is being started (process, resume, download). The run announces itself (`run … started`) before
 * its handle reaches runUntilDone, whose handlers cancel it; a SIGINT in between would otherwise
 * kill the process the default way, leaving the run `running` and its temp files behind. This
 * holds such a signal until the handle is known, then cancels the run with it.
 *
 * The listeners stay installed until `dispose`, after runUntilDone has removed its own: Node
 * watches a signal only while it has a listener, and a signal caught but not yet dispatched when
 * the last listener goes is dropped (seen under load: one Ctrl-C in three was lost that way).
 */
import type { RunHandle } from '../engine/run-types.js';
import type { CliIo } from './cli-io.js';

/** Signals held while a run starts. */
export interface HeldSignals {
  /** Cancels `handle` if a signal came meanwhile; later signals are runUntilDone's. */
  release(handle: RunHandle): void;
  /** Removes the listeners; call once runUntilDone has returned. */
  dispose(): void;
}

/** Starts holding SIGINT and SIGTERM. */
export function holdSignals(io: CliIo): HeldSignals {
  let held: NodeJS.Signals | null = null;
  let released = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!released) held ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    release(handle) {
      released = true;
      if (held) {
        io.stderr.write(`\n${held}: cancelling run ${handle.runId}…\n`);
        handle.cancel();
      }
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
