/**
 * The runs live in this process, so a last-resort handler can end them `failed` (kept apart from
 * the lifecycle so that installing that handler loads nothing else).
 */

/** How a live run is stopped because something broke around it, and when it is recorded. */
export interface LiveRun {
  fail(reason: string): void;
  finished: Promise<unknown>;
}

const live = new Map<number, LiveRun>();

/** Registers a run until it has finished. */
export function trackLiveRun(runId: number, run: LiveRun): void {
  live.set(runId, run);
  void run.finished.finally(() => live.delete(runId));
}

/** Ends every live run `failed` with `reason`; resolves with their ids once each is recorded. */
export async function failLiveRuns(reason: string): Promise<number[]> {
  const runs = [...live.entries()];
  for (const [, run] of runs) run.fail(reason);
  await Promise.allSettled(runs.map(([, run]) => run.finished));
  return runs.map(([id]) => id);
}
