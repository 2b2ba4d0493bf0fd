/**
 * The process settings as a form edits them (text fields) and back, with validation messages in
 * words. Process and Download (its "process after download" part) share this form.
 */
import { OUTPUT_FORMATS, PIPELINES, parseFit } from '../../../shared/settings.js';
import type { OutputFormat, Pipeline, ProcessSettings } from '../../../shared/settings.js';

/** What the fields hold. Empty blur means no blur; empty fit keeps the size. */
export interface ProcessFormValues {
  blur: string;
  fit: string;
  format: OutputFormat;
  quality: string;
  workers: string;
  threads: string;
  pipeline: Pipeline;
}

/** Field name → message, only for fields that are wrong. */
export type ProcessFormErrors = Partial<Record<keyof ProcessFormValues, string>>;

/** The result of reading the form: settings to send, or the fields to fix. */
export type ProcessFormResult =
  | {
      ok: true;
      settings: Pick<
        ProcessSettings,
        'blur' | 'fit' | 'format' | 'quality' | 'workers' | 'threads' | 'pipeline'
      >;
    }
  | { ok: false; errors: ProcessFormErrors };

/** Fills the form from stored settings. */
export function toFormValues(s: ProcessSettings): ProcessFormValues {
  return {
    blur: s.blur === null ? '' : String(s.blur),
    fit: s.fit === null ? '' : `${s.fit.width}x${s.fit.height}`,
    format: s.format,
    quality: String(s.quality),
    workers: String(s.workers),
    threads: String(s.threads),
    pipeline: s.pipeline,
  };
}

function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `${what} must be a whole number from ${min} to ${max}`;
  const n = Number(t);
  if (n < min || n > max) return `${what} must be from ${min} to ${max}`;
  return n;
}

/** Reads and checks the form. `cores` only shapes the workers hint, never the limit. */
export function readProcessForm(v: ProcessFormValues): ProcessFormResult {
  const errors: ProcessFormErrors = {};

  let blur: number | null = null;
  if (v.blur.trim() !== '') {
    const n = Number(v.blur.trim());
    if (!Number.isFinite(n) || n < 0.3 || n > 1000)
      errors.blur = 'Blur must be a number from 0.3 to 1000, or empty for no blur';
    else blur = n;
  }

  let fit: ProcessSettings['fit'] = null;
  if (v.fit.trim() !== '') {
    const parsed = parseFit(v.fit);
    if (typeof parsed === 'string')
      errors.fit = 'Size must look like 1600x1200 (width x height), or be empty to keep the size';
    else fit = parsed;
  }

  if (!(OUTPUT_FORMATS as readonly string[]).includes(v.format)) errors.format = 'Choose a format';
  if (!(PIPELINES as readonly string[]).includes(v.pipeline)) errors.pipeline = 'Choose a pipeline';

  const quality = wholeNumber(v.quality, 1, 100, 'Quality');
  if (typeof quality === 'string') errors.quality = quality;
  const workers = wholeNumber(v.workers, 1, 64, 'Workers');
  if (typeof workers === 'string') errors.workers = workers;
  const threads = wholeNumber(v.threads, 1, 64, 'Threads');
  if (typeof threads === 'string') errors.threads = threads;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      blur,
      fit,
      format: v.format,
      quality: quality as number,
      workers: workers as number,
      threads: threads as number,
      pipeline: v.pipeline,
    },
  };
}

/**
 * A warning (not an error) when the settings will be slower than they need to be: more worker
 * processes × threads than cores makes them fight over the CPU.
 */
export function oversubscriptionHint(
  workers: number,
  threads: number,
  cores: number,
): string | null {
  if (!Number.isFinite(workers) || !Number.isFinite(threads) || cores < 1) return null;
  const total = workers * threads;
  if (total <= cores) return null;
  return `${workers} workers × ${threads} threads = ${total} threads on ${cores} cores: they will take turns, which is usually slower.`;
}

/** Default output folder as the engine derives it: a sibling `<name>-photobatch` of the first input. */
export function defaultOutDir(firstInput: string | undefined): string | null {
  if (!firstInput) return null;
  const trimmed = firstInput.replace(/[\\/]+$/, '');
  if (trimmed === '') return null;
  return `${trimmed}-photobatch`;
}
