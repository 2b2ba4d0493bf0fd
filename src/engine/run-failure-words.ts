/**
 * Why a run broke, in one line a user understands: a run fails for reasons that are not an
 * image's fault (the output disk, the store, a bug of ours), and the reason is stored with it.
 * Stacks are for developers: shown only with PHOTOBATCH_DEBUG=1.
 */
import { describeFsError, fsErrorCode } from './fs-error-words.js';

/** The reason a run failed, in words; never a stack trace. */
export function describeRunFailure(error: unknown): string {
  if (!(error instanceof Error)) return `an unexpected problem: ${String(error)}`;
  const code = fsErrorCode(error);
  const path = (error as NodeJS.ErrnoException).path;
  if (code?.startsWith('SQLITE_')) return `the history database failed (${firstLine(error)})`;
  if (code && path) return `${path}: ${describeFsError(error)}`;
  if (code) return describeFsError(error);
  const known = error.name === 'UsageError' || error.name === 'OutputFolderError';
  return known ? firstLine(error) : `an internal error in Photobatch: ${firstLine(error)}`;
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0] || error.name;
}

/** Whether the user asked for developers' detail (stacks) on stderr. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PHOTOBATCH_DEBUG === '1';
}

/** Prints an error's stack to stderr, only with PHOTOBATCH_DEBUG=1. */
export function debugLog(error: unknown): void {
  if (!debugEnabled()) return;
  process.stderr.write(
    `photobatch debug: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}
