/** Collects a run's events in tests. */
import type { AppEvent } from '../../src/shared/contract.js';

/** Every event, plus a promise for the first event matching a condition. */
export class RunCollector {
  readonly events: AppEvent[] = [];
  private waiters: { match: (e: AppEvent) => boolean; resolve: (e: AppEvent) => void }[] = [];

  readonly onEvent = (event: AppEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(event)) return true;
      w.resolve(event);
      return false;
    });
  };

  /** Resolves at the first event (already seen or future) that matches. */
  waitFor(match: (e: AppEvent) => boolean): Promise<AppEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}
