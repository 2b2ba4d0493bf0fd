/**
 * The rows of one run waiting to be written: new items in the order given, and item updates
 * coalesced per `seq` (a later update's fields overwrite an earlier one's, undefined ones do
 * not), so an item that is queued, started and finished while the database is locked waits as
 * one update, not three.
 */
import type { ItemUpdate, NewItem } from './store-types.js';

/** Rows taken for one transaction; give it back to `PendingWrites.drop` once written. */
export interface PendingBatch {
  readonly items: readonly NewItem[];
  readonly updates: readonly ItemUpdate[];
  /** True when the batch holds everything pending: the run's end may go with it. */
  readonly complete: boolean;
}

function definedFields<T extends object>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function mergeInto(target: ItemUpdate, next: ItemUpdate): void {
  const { download, ...top } = next;
  Object.assign(target, definedFields(top));
  if (download) target.download = { ...target.download, ...definedFields(download) };
}

/** Pending writes of one run, oldest first. */
export class PendingWrites {
  private items: NewItem[] = [];
  // Items before this index are written; compacted now and then instead of shifted per batch.
  private head = 0;
  private readonly updates = new Map<number, ItemUpdate>();

  /** How many rows wait: items plus distinct updated items. */
  get rows(): number {
    return this.items.length - this.head + this.updates.size;
  }

  /** Queues new items (copied: the caller may reuse its objects). */
  addItems(items: readonly NewItem[]): void {
    for (const item of items) this.items.push({ ...item });
  }

  /** Queues an update, merged into one already waiting for the same seq. */
  addUpdate(update: ItemUpdate): void {
    const waiting = this.updates.get(update.seq);
    if (waiting) {
      mergeInto(waiting, update);
    } else {
      const copy: ItemUpdate = { seq: update.seq };
      mergeInto(copy, update);
      this.updates.set(update.seq, copy);
    }
  }

  /**
   * The oldest rows, at most `maxRows` (at least one). Updates are taken only once every
   * waiting item fits in the same batch: the store writes a batch's items before its updates,
   * so an update can never reach the database before the insert of its item.
   */
  peek(maxRows: number): PendingBatch {
    const limit = Math.max(1, maxRows);
    const waitingItems = this.items.length - this.head;
    const items = this.items.slice(this.head, this.head + Math.min(waitingItems, limit));
    const updates: ItemUpdate[] = [];
    if (items.length === waitingItems) {
      for (const update of this.updates.values()) {
        if (items.length + updates.length >= limit) break;
        updates.push(update);
      }
    }
    const complete = items.length === waitingItems && updates.length === this.updates.size;
    return { items, updates, complete };
  }

  /**
   * Forgets a batch from `peek` once the store has written it. Nothing can be queued between
   * the two (the write is synchronous), so the batch is still the oldest rows.
   */
  drop(batch: PendingBatch): void {
    this.head += batch.items.length;
    for (const update of batch.updates) this.updates.delete(update.seq);
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Forgets everything waiting. */
  clear(): void {
    this.items = [];
    this.head = 0;
    this.updates.clear();
  }
}
