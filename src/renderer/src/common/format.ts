/**
 * Numbers as people read them: durations, rates, sizes and counts, always with their unit.
 * Every figure in the window goes through here so that the same value reads the same everywhere.
 */

const countFormat = new Intl.NumberFormat('en-US');

/** A whole count with thousands separators: 20000 → "20,000". */
export function formatCount(n: number): string {
  return countFormat.format(Math.round(n));
}

/** Singular or plural noun with its count: (1, 'image') → "1 image", (3, 'image') → "3 images". */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : pluralNoun}`;
}

/**
 * A duration: under a second in ms, under a minute in seconds with one decimal (two under 10 s),
 * then minutes and seconds, then hours and minutes. Null or negative reads as an em dash.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return ms === 0 ? '0 ms' : '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalSeconds = Math.round(s);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const sec = totalSeconds % 60;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min ${sec} s`;
}

/** A clock-style elapsed time for live counters: 65_000 → "1:05", 3_725_000 → "1:02:05". */
export function formatClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A rate with a sensible number of digits: 0.4 → "0.40", 12.34 → "12.3", 1234 → "1,234". */
export function formatNumber(n: number | null | undefined, unit = ''): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  let text: string;
  if (abs >= 100) text = countFormat.format(Math.round(n));
  else if (abs >= 10) text = n.toFixed(1);
  else text = n.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

/** A ratio such as a speedup: 3.456 → "3.46×". */
export function formatRatio(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${n.toFixed(2)}×`;
}

/** A fraction as a percentage: 0.873 → "87%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${Math.round(fraction * 100)}%`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary multiples with decimal-looking names, as file managers show them: 1536 → "1.5 KB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`;
}

/** A stored ISO time as a short local date and time; the raw text if it does not parse. */
export function formatDateTime(iso: string, locale?: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, {
    // The year only when it is not this one: "Nov 25, 15:25" reads faster in a list.
    ...(d.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' as const }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The last segment of a path or URL, for labels where the full source is too long. */
export function baseName(source: string): string {
  const trimmed = source.replace(/[\\/]+$/, '');
  const withoutQuery = /^[a-z]+:\/\//i.test(trimmed) ? trimmed.replace(/[?#].*$/, '') : trimmed;
  const i = Math.max(withoutQuery.lastIndexOf('/'), withoutQuery.lastIndexOf('\\'));
  return i >= 0 && i < withoutQuery.length - 1 ? withoutQuery.slice(i + 1) : withoutQuery;
}
