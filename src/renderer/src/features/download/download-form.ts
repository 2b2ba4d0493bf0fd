/**
 * Download settings as the form edits them (text) and back, with messages in words.
 */
import type { DownloadSettings } from '../../../../shared/settings.js';

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

function num(
  text: string,
  min: number,
  max: number,
  whole: boolean,
  message: string,
): number | string {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max)
    return message;
  return n;
}

/** Reads and checks the form; keeps the settings it does not show (redirect limit) from `base`. */
export function readDownloadForm(
  v: DownloadFormValues,
  base: DownloadSettings,
): { ok: true; settings: DownloadSettings } | { ok: false; errors: DownloadFormErrors } {
  const errors: DownloadFormErrors = {};
  const concurrency = num(
    v.concurrency,
    1,
    256,
    true,
    'Downloads at once must be a whole number from 1 to 256',
  );
  const retries = num(v.retries, 0, 20, true, 'Retries must be a whole number from 0 to 20');
  const timeout = num(
    v.timeoutSeconds,
    0.1,
    3600,
    false,
    'Timeout must be from 0.1 to 3600 seconds',
  );
  const maxMb = num(
    v.maxMegabytes,
    0.001,
    1_000_000,
    false,
    'Largest file must be a size in MB, more than 0',
  );
  if (typeof concurrency === 'string') errors.concurrency = concurrency;
  if (typeof retries === 'string') errors.retries = retries;
  if (typeof timeout === 'string') errors.timeoutSeconds = timeout;
  if (typeof maxMb === 'string') errors.maxMegabytes = maxMb;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      concurrency: concurrency as number,
      retries: retries as number,
      timeoutMs: Math.round((timeout as number) * 1000),
      maxBytes: Math.max(1, Math.round((maxMb as number) * MB)),
    },
  };
}
