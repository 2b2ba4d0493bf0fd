/**
 * The lowest-speed check of a download attempt (like curl's --speed-limit/--speed-time and
 * aria2's --lowest-speed-limit): a server that sends a byte every second is never idle, so the
 * inactivity timeout alone would let it hold a download open for hours.
 */

/** What was measured when an attempt was found too slow. */
export interface TooSlow {
  /** Bytes that arrived during the window. */
  bytes: number;
  /** The window's length, ms. */
  ms: number;
}

/** Samples of an attempt's byte count; says when the last window fell below the minimum. */
export class SpeedWatch {
  private readonly samples: { at: number; bytes: number }[];

  /**
   * @param minSpeed bytes per second (0: never too slow)
   * @param windowMs how long the speed must stay below the minimum before the attempt is stopped
   * @param startMs when the body began (the clock of `check`)
   */
  constructor(
    private readonly minSpeed: number,
    private readonly windowMs: number,
    startMs: number,
  ) {
    this.samples = [{ at: startMs, bytes: 0 }];
  }

  /** Takes the byte count at `nowMs`; returns what was measured when the window was too slow. */
  check(nowMs: number, bytes: number): TooSlow | null {
    if (this.minSpeed <= 0) return null;
    this.samples.push({ at: nowMs, bytes });
    // Keep one sample at or before the window's start (the baseline) and everything after it.
    const windowStart = nowMs - this.windowMs;
    while (this.samples.length > 1 && this.samples[1]!.at <= windowStart) this.samples.shift();
    const baseline = this.samples[0]!;
    if (baseline.at > windowStart) return null;
    const got = bytes - baseline.bytes;
    const ms = nowMs - baseline.at;
    return got < (this.minSpeed * ms) / 1000 ? { bytes: got, ms } : null;
  }
}

/** A speed in words: `1 KiB/s`, `500 bytes/s`, `2.5 MiB/s` (powers of 1024). */
export function formatSpeed(bytesPerSecond: number): string {
  if (bytesPerSecond < 1024) return `${Math.round(bytesPerSecond)} bytes/s`;
  const units = ['KiB/s', 'MiB/s', 'GiB/s'];
  let value = bytesPerSecond / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
