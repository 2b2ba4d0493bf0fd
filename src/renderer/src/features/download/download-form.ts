/**
 * Download settings as the form edits them (text) and back, with messages in words. Ranges come
 * from the settings schema (src/shared/settings-limits.ts), the same as the CLI's options.
 */
import type { DownloadSettings } from '../../../../shared/settings.js';
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
}

/** Field → message, for the wrong ones. */
export type DownloadFormErrors = Partial<Record<keyof DownloadFormValues, string>>;

const MB = 1024 * 1024;

/** Fills the form from stored settings. */
export function toDownloadFormValues(s: DownloadSettings): DownloadFormValues {
  return {
    concurrency: String(s.concurrency),
    retries: String(s.retries),
    timeoutSeconds: String(Math.round(s.timeoutMs / 100) / 10),
    maxMegabytes: String(Math.round((s.maxBytes / MB) * 10) / 10),
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
  if (
    concurrency === null ||
    retries === null ||
    timeout === null ||
    maxBytes === null ||
    errors.maxMegabytes !== undefined
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
    },
  };
}
