/**
 * Words the window puts around figures: plurals, dates in the user's locale, short names of
 * paths. The figures themselves (durations, sizes, rates, counts) are formatted by
 * src/shared/format-figures.ts, the same as in the CLI.
 */
import { formatCount } from '../../../shared/format-figures.js';

/** Singular or plural noun with its count: (1, 'image') → "1 image", (3, 'image') → "3 images". */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : pluralNoun}`;
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
