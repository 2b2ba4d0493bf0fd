/**
 * The CLI's last resort: an exception that escaped a timer or an event handler ends live runs
 * `failed` (their summaries then print and the command exits 1 as usual); with no run to report,
 * the command exits 1 at once, in one line, never with a stack trace. `photobatch serve` keeps
 * serving instead: the window shows the failed runs.
 */
import { installLastResort } from '../engine/last-resort.js';
import { EXIT } from './cli-io.js';

let serving = false;

/** Installs it for this process. */
export function installCliLastResort(stderr: NodeJS.WritableStream): void {
  installLastResort({
    say: (message) => stderr.write(`${message}\n`),
    afterwards: (ids) => {
      if (serving) return;
      if (ids.length === 0) process.exit(EXIT.itemsFailed);
      // The runs' own endings print and exit; should anything still hang, leave anyway.
      setTimeout(() => process.exit(EXIT.itemsFailed), 10_000).unref();
    },
  });
}

/** From now on the process is a server: after the last resort it goes on. */
export function keepServingOnLastResort(): void {
  serving = true;
}
