/**
 * The last-resort handler of every host (CLI, web shell, Electron main): an exception that
 * escaped a timer or an event handler must not kill the process with a stack trace, nor leave a
 * run `running` for ever. It ends every live run `failed` with the reason in words and says so in
 * one line; stacks only with PHOTOBATCH_DEBUG=1.
 */
import { failLiveRuns } from './live-runs.js';
import { debugLog, describeRunFailure } from './run-failure-words.js';

/** What a host does once its runs are failed. */
export interface LastResortOptions {
  /** Says one line to the user (stderr, a log, a dialog). */
  say(message: string): void;
  /**
   * Called after the live runs were failed (their ids); a CLI with no run to report exits here.
   * Hosts that serve a window go on serving.
   */
  afterwards?(failedRunIds: number[]): void;
}

/** Installs the handler for uncaught exceptions and unhandled rejections; returns its removal. */
export function installLastResort(options: LastResortOptions): () => void {
  const onError = (error: unknown) => {
    debugLog(error);
    const reason = describeRunFailure(error);
    void failLiveRuns(reason).then((ids) => {
      const runs =
        ids.length === 0
          ? ''
          : ` (${ids.length === 1 ? 'run' : 'runs'} ${ids.join(', ')} ended failed)`;
      options.say(`photobatch: ${reason}${runs}`);
      options.afterwards?.(ids);
    });
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}
