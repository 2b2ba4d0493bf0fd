/**
 * The one way a running run writes to the store. Rows are kept in memory and written in batches
 * (one transaction each) on a short timer. When another program holds the database's write
 * lock, an attempt waits only a few ms (better-sqlite3 is synchronous: waiting out the usual
 * busy timeout would freeze the whole process, the Electron main process included) and is
 * retried later with backoff; rows wait in memory, bounded. If the database stays unwritable
 * past a limit, the writer gives up and says why in words. Nothing it does ever throws.
 */
import type { RunStore } from './run-store.js';
import { PendingWrites } from './pending-writes.js';
import type { PendingBatch } from './pending-writes.js';
import {
  classifyStoreError,
  describeStoreError,
  notSavedReason,
  stayedUnwritableReason,
  troubleMessage,
} from './store-errors.js';
import type { ItemUpdate, NewItem, RunEnd } from './store-types.js';

/** Default of `RunWriterOptions.maxPendingRows`: a run of 250,000 items updated while locked. */
export const MAX_PENDING_ROWS = 500_000;
/** Default of `RunWriterOptions.giveUpAfterMs`. */
export const GIVE_UP_AFTER_MS = 60_000;

/** How a run's history ended up: all stored, or not, and why in one line. */
export type WriteOutcome = { saved: true } | { saved: false; reason: string };

/** Callbacks and limits of a `RunWriter`. */
export interface RunWriterOptions {
  /** Writes started failing but may heal; called once per spell of trouble, with one line. */
  onTrouble?(message: string): void;
  /** Writes succeed again after `onTrouble`. */
  onRecovered?(): void;
  /** The writer gave up (also given by `finish`): for a shell that says so mid-run. */
  onGaveUp?(reason: string): void;
  /** Give up once the database stayed unwritable this long, in ms (default 60 s). */
  giveUpAfterMs?: number;
  /** Most rows (items + updated items) kept waiting; past it the writer gives up. */
  maxPendingRows?: number;
  /** How long rows may wait before a batch is written, in ms (default 100). */
  flushEveryMs?: number;
  /** Write at once (on the next turn of the event loop) when this many rows wait (500). */
  flushAtRows?: number;
  /** Most rows per transaction, so catching up after a long lock never freezes for long. */
  maxRowsPerTransaction?: number;
  /** Longest wait for the write lock per attempt, in ms (default 10). */
  attemptBusyTimeoutMs?: number;
  /** First retry delay after a failed attempt, doubled each time up to `maxRetryDelayMs`. */
  firstRetryDelayMs?: number;
  maxRetryDelayMs?: number;
}

type WriterState = 'open' | 'finishing' | 'saved' | 'gave-up' | 'disposed';

/** Writes one run's items, updates and end through `store`; see the module comment. */
export class RunWriter {
  private readonly pending = new PendingWrites();
  private readonly limits: Required<
    Omit<RunWriterOptions, 'onTrouble' | 'onRecovered' | 'onGaveUp'>
  >;
  private state: WriterState = 'open';
  private end: RunEnd | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerIsUrgent = false;
  /** When the current spell of failed attempts began (performance.now()), or null. */
  private troubleSince: number | null = null;
  private lastError: unknown = null;
  private retryDelayMs: number;
  private reason: string | null = null;
  private outcome: Promise<WriteOutcome> | null = null;
  private settle: ((outcome: WriteOutcome) => void) | null = null;

  constructor(
    private readonly store: RunStore,
    /** The run written to (created beforehand with `RunStore.createRun`). */
    readonly runId: number,
    private readonly options: RunWriterOptions = {},
  ) {
    this.limits = {
      giveUpAfterMs: options.giveUpAfterMs ?? GIVE_UP_AFTER_MS,
      maxPendingRows: options.maxPendingRows ?? MAX_PENDING_ROWS,
      flushEveryMs: options.flushEveryMs ?? 100,
      flushAtRows: options.flushAtRows ?? 500,
      maxRowsPerTransaction: options.maxRowsPerTransaction ?? 5000,
      attemptBusyTimeoutMs: options.attemptBusyTimeoutMs ?? 10,
      firstRetryDelayMs: options.firstRetryDelayMs ?? 50,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 2000,
    };
    this.retryDelayMs = this.limits.firstRetryDelayMs;
  }

  /** Rows waiting to be written (items plus distinct updated items). */
  get pendingRows(): number {
    return this.pending.rows;
  }

  /** Queues new items (numbered by the caller). Never blocks or throws; ignored after finish. */
  addItems(items: readonly NewItem[]): void {
    if (this.state !== 'open') return;
    this.guarded(() => {
      if (items.length === 0) return;
      this.pending.addItems(items);
      this.queued();
    });
  }

  /** Queues an item update, merged with any still waiting for the same seq. Never throws. */
  updateItem(update: ItemUpdate): void {
    if (this.state !== 'open') return;
    this.guarded(() => {
      this.pending.addUpdate(update);
      this.queued();
    });
  }

  /**
   * Writes everything waiting and then the run's end (with the last rows, in one transaction),
   * retrying until written or the limit. Never rejects. Called again, returns the first call's
   * promise. While it waits, its timer keeps the process alive (a CLI must not exit with the
   * history half written); the limit bounds how long.
   */
  finish(end: RunEnd): Promise<WriteOutcome> {
    if (this.outcome) return this.outcome;
    this.outcome = new Promise((resolve) => (this.settle = resolve));
    if (this.state === 'open') {
      this.state = 'finishing';
      this.end = { ...end };
      if (this.troubleSince === null) this.arm(0, true);
      else this.timer?.ref();
    } else {
      this.resolve();
    }
    return this.outcome;
  }

  /** Stops at once for a hard stop: timers cleared, waiting rows dropped, `finish` resolved. */
  dispose(): void {
    if (this.state === 'saved' || this.state === 'gave-up' || this.state === 'disposed') return;
    this.stop('disposed', 'the history could not be saved: writing was stopped before the end');
  }

  private queued(): void {
    if (this.pending.rows > this.limits.maxPendingRows) {
      const waiting = `more than ${this.limits.maxPendingRows.toLocaleString('en-US')} results waited`;
      const why =
        this.lastError === null
          ? `${waiting} to be written to ${this.store.path}`
          : `${waiting} while ${describeStoreError(this.lastError, this.store.path)}`;
      this.giveUp(`the history could not be saved: ${why}`);
      return;
    }
    // While in trouble a retry is armed: more rows must not hammer a locked database.
    if (this.troubleSince !== null) return;
    if (this.pending.rows >= this.limits.flushAtRows) {
      if (!this.timerIsUrgent) this.arm(0, true);
    } else if (this.timer === null) {
      this.arm(this.limits.flushEveryMs, false);
    }
  }

  private arm(delayMs: number, urgent: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerIsUrgent = urgent;
    this.timer = setTimeout(() => this.onTimer(), delayMs);
    // Before finish, the run itself keeps the process alive; a pending flush must not.
    if (this.state !== 'finishing') this.timer.unref();
  }

  private onTimer(): void {
    this.timer = null;
    this.timerIsUrgent = false;
    this.guarded(() => this.attempt());
  }

  /**
   * Runs `work`; anything it throws (store errors are handled before this; only a bug or an
   * untyped caller's bad argument can get here) ends the writing in words instead of escaping
   * into a timer or the engine.
   */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.giveUp(notSavedReason(error, this.store.path));
    }
  }

  private attempt(): void {
    if (this.state !== 'open' && this.state !== 'finishing') return;
    const batch = this.pending.peek(this.limits.maxRowsPerTransaction);
    const end = batch.complete ? this.end : null;
    if (batch.items.length === 0 && batch.updates.length === 0 && end === null) return;
    try {
      this.store.writeBatch(
        this.runId,
        { items: batch.items, updates: batch.updates, end },
        { busyTimeoutMs: this.limits.attemptBusyTimeoutMs },
      );
    } catch (error) {
      this.failed(error);
      return;
    }
    this.written(batch, end !== null);
  }

  private written(batch: PendingBatch, ended: boolean): void {
    this.pending.drop(batch);
    if (this.troubleSince !== null) {
      this.troubleSince = null;
      this.lastError = null;
      this.retryDelayMs = this.limits.firstRetryDelayMs;
      this.call(() => this.options.onRecovered?.());
    }
    if (ended) {
      this.state = 'saved';
      this.resolve();
    } else if (!batch.complete) {
      // More to catch up on: the next chunk on the next turn, so the loop breathes in between.
      this.arm(0, true);
    }
  }

  private failed(error: unknown): void {
    const path = this.store.path;
    if (!classifyStoreError(error).transient) {
      this.giveUp(notSavedReason(error, path));
      return;
    }
    const now = performance.now();
    this.lastError = error;
    if (this.troubleSince === null) {
      this.troubleSince = now;
      this.call(() => this.options.onTrouble?.(troubleMessage(error, path)));
    }
    const waited = now - this.troubleSince;
    if (waited >= this.limits.giveUpAfterMs) {
      this.giveUp(stayedUnwritableReason(error, path, this.limits.giveUpAfterMs));
      return;
    }
    // Never sleep past the limit: the last attempt falls on it, then the writer gives up.
    this.arm(Math.min(this.retryDelayMs, this.limits.giveUpAfterMs - waited), false);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.limits.maxRetryDelayMs);
  }

  private giveUp(reason: string): void {
    this.stop('gave-up', reason);
    this.call(() => this.options.onGaveUp?.(reason));
  }

  private stop(state: 'gave-up' | 'disposed', reason: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.state = state;
    this.reason = reason;
    this.resolve();
  }

  private resolve(): void {
    if (!this.settle) return;
    const settle = this.settle;
    this.settle = null;
    settle(
      this.state === 'saved'
        ? { saved: true }
        : { saved: false, reason: this.reason ?? 'the history could not be saved' },
    );
  }

  /** Runs a shell's callback; its failure must not stop the history being written. */
  private call(callback: () => void): void {
    try {
      callback();
    } catch {
      // Deliberately ignored: the callback's owner reports its own faults.
    }
  }
}
