/**
 * Figures as people read them — durations, sizes, rates, counts, ratios — one way everywhere: the
 * CLI's tables and progress, the window, notifications and error messages all format through
 * here, so the same value reads the same in each. Pure functions of numbers: no locale, no clock.
 *
 * A missing value (null, undefined, NaN, ±Infinity, or a negative size or duration) reads as
 * `MISSING`, never as "0" or "NaN", so "unknown" cannot be mistaken for "none".
 */

/** What a figure that is not known reads as. */
export const MISSING = '—';

/**
 * A whole number with en-US thousands separators, whatever the machine's locale (scripts read the
 * CLI's output). By hand rather than Intl.NumberFormat, whose first use costs the CLI ~20 ms of
 * start-up (ICU) on every command.
 */
function grouped(n: number): string {
  // `|| 0`: -0.4 rounds to -0, which would print as "-0".
  return String(Math.round(n) || 0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function known(n: number | null | undefined): n is number {
  return n !== null && n !== undefined && Number.isFinite(n);
}

/** A whole count with thousands separators: 20000 → "20,000"; rounds to the nearest whole. */
export function formatCount(n: number | null | undefined): string {
  return known(n) ? grouped(n) : MISSING;
}

/**
 * A figure with about three significant digits, and its unit if given: 0.4 → "0.40",
 * 12.34 → "12.3", 1234.4 → "1,234"; (12.34, 'images/s') → "12.3 images/s".
 */
export function formatNumber(n: number | null | undefined, unit = ''): string {
  if (!known(n)) return MISSING;
  const abs = Math.abs(n);
  // Thresholds sit where rounding would carry into the next width (99.96 is "100", not "100.0").
  let text: string;
  if (abs >= 99.95) text = grouped(n);
  else if (abs >= 9.995) text = n.toFixed(1);
  else text = n.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

/** A rate per second: (3.2, 'images') → "3.20 images/s". Missing rates read as `MISSING` alone. */
export function formatRate(perSecond: number | null | undefined, noun: string): string {
  return known(perSecond) ? formatNumber(perSecond, `${noun}/s`) : MISSING;
}

/**
 * A ratio such as a speedup: 3.456 → "3.46×". `sign` lets the terminal use a plain "x", which
 * every font has and scripts can match without Unicode.
 */
export function formatRatio(n: number | null | undefined, sign = '×'): string {
  return known(n) ? `${n.toFixed(2)}${sign}` : MISSING;
}

/** A fraction as a whole percentage: 0.873 → "87%". */
export function formatPercent(fraction: number | null | undefined): string {
  return known(fraction) ? `${Math.round(fraction * 100)}%` : MISSING;
}

/**
 * A duration in the unit that fits: "0 ms", "<1 ms", "412 ms", "1.23 s", "12.3 s", "2 min 5 s",
 * "1 h 2 min" (hours keep growing: 1e12 ms is "277,777 h 46 min"). Each step is chosen after rounding, so
 * 999.6 ms reads "1.00 s" and 59.96 s reads "1 min 0 s", never "1000 ms" or "60.0 s".
 */
export function formatDuration(ms: number | null | undefined): string {
  if (!known(ms) || ms < 0) return MISSING;
  if (ms === 0) return '0 ms';
  if (ms < 0.5) return '<1 ms';
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (Math.round(s * 100) < 1000) return `${s.toFixed(2)} s`;
  if (Math.round(s * 10) < 600) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (h > 0) return `${grouped(h)} h ${m} min`;
  return `${m} min ${total % 60} s`;
}

/** A clock-style elapsed time for live counters: 65_000 → "1:05", 3_725_000 → "1:02:05". */
export function formatClock(ms: number | null | undefined): string {
  if (!known(ms) || ms < 0) return MISSING;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Units of `formatBytes`: each is 1024 of the one before. */
const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * A size in bytes. Multiples of 1024 named KB, MB, GB, TB, PB — as Windows Explorer shows sizes,
 * and as `--max-bytes 50M` and the Download form's "MB" read them — so a limit typed as "50 MB"
 * is printed back as "50 MB". Under 1 KB the bytes are spelled out: "812 bytes", "1 byte".
 * Three significant digits at most: "1.5 KB", "97.7 KB", "858 MB", "5 GB".
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (!known(bytes) || bytes < 0) return MISSING;
  if (bytes < 1024) {
    const whole = Math.round(bytes);
    return `${grouped(whole)} ${whole === 1 ? 'byte' : 'bytes'}`;
  }
  let value = bytes / 1024;
  let unit = 0;
  // 1023.5 KB would round to "1024 KB": show it as "1 MB" instead.
  while (value >= 1023.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const tenths = Math.round(value * 10) / 10;
  const text =
    value >= 99.5 ? grouped(value) : Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1);
  return `${text} ${BYTE_UNITS[unit]}`;
}
