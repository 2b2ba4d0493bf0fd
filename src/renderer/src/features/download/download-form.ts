/**
 * Download settings as the form edits them (text) and back, with messages in words. Ranges come
 * from the settings schema (src/shared/settings-limits.ts), the same as the CLI's options.
 */
import { DEFAULT_DOWNLOAD_SETTINGS } from '../../../../shared/settings.js';
import type { DownloadSettings, ExistingMode } from '../../../../shared/settings.js';
import {
  DOWNLOAD_LIMITS,
  inSeconds,
  rangeText,
  readNumber,
  withinLimits,
  type NumberLimits,
} from '../../../../shared/settings-limits.js';
import { formatBytes } from '../../../../shared/format-figures.js';

/** What the fields hold; timeout in seconds and size in MB, as people think of them. */
export interface DownloadFormValues {
  concurrency: string;
  retries: string;
  timeoutSeconds: string;
  maxMegabytes: string;
  /** Longest time per file, all attempts included (--max-time). */
  maxTimeSeconds: string;
  /** Lowest speed in KiB/s; 0 for none (--min-speed). */
  minSpeedKib: string;
  /** A name already in the folder (--existing). */
  existing: ExistingMode;
}

/** Field → message, for the wrong ones. */
export type DownloadFormErrors = Partial<Record<keyof DownloadFormValues, string>>;

/** The choices for a name already in the folder, in plain words. */
export const EXISTING_CHOICES: readonly { value: ExistingMode; label: string }[] = [
  { value: 'rename', label: 'Keep both (number the new file)' },
  { value: 'overwrite', label: 'Replace the file' },
  { value: 'skip', label: 'Keep the file, skip the download' },
];

const KIB = 1024;

const MB = 1024 * 1024;

/** Fills the form from stored settings. */
export function toDownloadFormValues(s: DownloadSettings): DownloadFormValues {
  return {
    concurrency: String(s.concurrency),
    retries: String(s.retries),
    timeoutSeconds: String(Math.round(s.timeoutMs / 100) / 10),
    maxMegabytes: String(Math.round((s.maxBytes / MB) * 10) / 10),
    maxTimeSeconds: String(
      Math.round((s.maxTimeMs ?? DEFAULT_DOWNLOAD_SETTINGS.maxTimeMs!) / 100) / 10,
    ),
    minSpeedKib: String(
      Math.round(((s.minSpeed ?? DEFAULT_DOWNLOAD_SETTINGS.minSpeed!) / KIB) * 10) / 10,
    ),
    existing: s.existing ?? DEFAULT_DOWNLOAD_SETTINGS.existing!,
  };
}

/** The field's number in the field's unit, if it is within `limits` (in that unit). */
function limited(text: string, limits: NumberLimits): number | null {
  const n = readNumber(text);
  return n !== null && withinLimits(n, limits) ? n : null;
}

/** Reads and checks the form; keeps the settings it does not show (redirect limit) from `base`. */
export function readDownloadForm(
  v: DownloadFormValues,
  base: DownloadSettings,
): { ok: true; settings: DownloadSettings } | { ok: false; errors: DownloadFormErrors } {
  const errors: DownloadFormErrors = {};
  const { concurrency: concurrencyLimits, retries: retriesLimits } = DOWNLOAD_LIMITS;
  const timeoutLimits = inSeconds(DOWNLOAD_LIMITS.timeoutMs);
  const concurrency = limited(v.concurrency, concurrencyLimits);
  if (concurrency === null)
    errors.concurrency = `Downloads at once must be ${rangeText(concurrencyLimits)}`;
  const retries = limited(v.retries, retriesLimits);
  if (retries === null) errors.retries = `Retries must be ${rangeText(retriesLimits)}`;
  const timeout = limited(v.timeoutSeconds, timeoutLimits);
  if (timeout === null)
    errors.timeoutSeconds = `Timeout must be ${rangeText(timeoutLimits)} (seconds)`;
  // Sizes are checked in bytes, as stored: a size in MB that rounds to no byte at all is refused.
  const mb = readNumber(v.maxMegabytes);
  const bytesLimits = DOWNLOAD_LIMITS.maxBytes;
  const maxBytes = mb === null ? null : Math.round(mb * MB);
  if (maxBytes === null || maxBytes < bytesLimits.min)
    errors.maxMegabytes = 'Largest file must be a size in MB, more than 0';
  else if (!withinLimits(maxBytes, bytesLimits))
    errors.maxMegabytes = `Largest file must be at most ${formatBytes(bytesLimits.max)}`;
  const maxTimeLimits = inSeconds(DOWNLOAD_LIMITS.maxTimeMs);
  const maxTime = limited(v.maxTimeSeconds, maxTimeLimits);
  if (maxTime === null)
    errors.maxTimeSeconds = `Longest time per file must be ${rangeText(maxTimeLimits)} (seconds)`;
  const kib = readNumber(v.minSpeedKib);
  const minSpeed = kib === null ? null : Math.round(kib * KIB);
  if (minSpeed === null || !withinLimits(minSpeed, DOWNLOAD_LIMITS.minSpeed))
    errors.minSpeedKib = `Lowest speed must be a number of KiB/s, 0 for none, at most ${formatBytes(DOWNLOAD_LIMITS.minSpeed.max)}/s`;
  if (
    concurrency === null ||
    retries === null ||
    timeout === null ||
    maxBytes === null ||
    maxTime === null ||
    minSpeed === null ||
    Object.keys(errors).length > 0
  )
    return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      concurrency,
      retries,
      timeoutMs: Math.round(timeout * 1000),
      maxBytes,
      maxTimeMs: Math.round(maxTime * 1000),
      minSpeed,
      existing: v.existing,
    },
  };
}
