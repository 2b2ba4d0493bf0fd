/**
 * Bytes of a download run as they arrive, not only when a file is finished, so bytes/s and the
 * ETA move during large downloads: every fetcher reports its attempt's running total here, and
 * `download:progress` is announced a few times a second while anything changes.
 */
import type { DownloadInFlight, DownloadProgress } from '../../shared/contract.js';

/** bytes/s is taken over this much of the recent past. */
const RATE_WINDOW_MS = 5000;

/** Live bytes of one run. */
export class LiveBytes {
  private readonly inFlight = new Map<number, DownloadInFlight>();
  /** Bytes of downloads that ended saved. */
  private savedBytes = 0;
  /** Every body byte received, failed attempts included: what the network really carried. */
  private received = 0;
  private readonly samples: { at: number; received: number }[] = [];
  private changed = true;

  constructor(
    private readonly runId: number,
    private readonly now: () => number,
  ) {
    this.samples.push({ at: now(), received: 0 });
  }

  /** A download (or its next attempt) starts. */
  attempt(seq: number, source: string, attempt: number): void {
    this.inFlight.set(seq, { seq, source, bytes: 0, expectedBytes: null, attempt });
    this.changed = true;
  }

  /** The response's declared length arrived. */
  expect(seq: number, expectedBytes: number | null): void {
    const d = this.inFlight.get(seq);
    if (d) d.expectedBytes = expectedBytes;
    this.changed = true;
  }

  /** The current attempt's body has reached `bytes`. */
  bytes(seq: number, bytes: number): void {
    const d = this.inFlight.get(seq);
    if (!d) return;
    this.received += Math.max(0, bytes - d.bytes);
    d.bytes = bytes;
    this.changed = true;
  }

  /** The download ended; `savedBytes` is the size of the file saved (0 when none was). */
  end(seq: number, savedBytes: number): void {
    this.inFlight.delete(seq);
    this.savedBytes += savedBytes;
    this.changed = true;
  }

  /** The event to announce, or null when nothing changed since the last one. */
  take(): DownloadProgress | null {
    const at = this.now();
    this.samples.push({ at, received: this.received });
    while (this.samples.length > 2 && this.samples[1]!.at <= at - RATE_WINDOW_MS)
      this.samples.shift();
    const first = this.samples[0]!;
    const bytesPerSecond =
      at > first.at ? ((this.received - first.received) * 1000) / (at - first.at) : 0;
    if (!this.changed && bytesPerSecond === 0) return null;
    this.changed = false;
    let bytes = this.savedBytes;
    for (const d of this.inFlight.values()) bytes += d.bytes;
    return {
      runId: this.runId,
      bytes,
      bytesPerSecond,
      downloads: [...this.inFlight.values()].sort((a, b) => a.seq - b.seq).map((d) => ({ ...d })),
    };
  }
}
