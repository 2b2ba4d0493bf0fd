/**
 * The process settings as a form edits them (text fields) and back, with validation messages in
 * words. Process and Download (its "process after download" part) share this form.
 */
import {
  METADATA_POLICIES,
  OUTPUT_FORMATS,
  PIPELINES,
  metadataPolicyOf,
  parseFit,
} from '../../../shared/settings.js';
import type {
  MetadataPolicy,
  OutputFormat,
  Pipeline,
  ProcessSettings,
} from '../../../shared/settings.js';
import {
  PROCESS_LIMITS,
  rangeText,
  readBlur,
  readNumber,
  withinLimits,
  type NumberLimits,
} from '../../../shared/settings-limits.js';
import { readAdvancedForm, toAdvancedFormValues } from './advanced-settings-form.js';
import type { AdvancedFormValues, AdvancedSettings } from './advanced-settings-form.js';

/** What the fields hold. Empty (or 0) blur means no blur; empty fit keeps the size. */
export interface ProcessFormValues extends AdvancedFormValues {
  blur: string;
  fit: string;
  format: OutputFormat;
  quality: string;
  workers: string;
  threads: string;
  pipeline: Pipeline;
  metadata: MetadataPolicy;
}

/** Field name → message, only for fields that are wrong. */
export type ProcessFormErrors = Partial<Record<keyof ProcessFormValues, string>>;

/**
 * The result of reading the form: settings to send (every field said, the operations not asked
 * as null or false, so that remembered settings merged under them cannot bring one back), or the
 * fields to fix.
 */
export type ProcessFormResult =
  | { ok: true; settings: ProcessSettings & AdvancedSettings }
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
    metadata: metadataPolicyOf(s),
    ...toAdvancedFormValues(s),
  };
}

/** The field's number, or its message naming the field and the schema's range. */
function limitedNumber(text: string, limits: NumberLimits, what: string): number | string {
  const n = readNumber(text);
  return n !== null && withinLimits(n, limits) ? n : `${what} must be ${rangeText(limits)}`;
}

/** Reads and checks the form against the settings schema's limits. */
export function readProcessForm(v: ProcessFormValues): ProcessFormResult {
  const errors: ProcessFormErrors = {};

  // The same rule as the CLI's --blur (src/shared/settings-limits.ts): 0 or empty is no blur.
  let blur: number | null = null;
  if (v.blur.trim() !== '') {
    const read = readBlur(readNumber(v.blur));
    if (read.ok) blur = read.blur;
    else errors.blur = `Blur must be empty or 0 for no blur, or ${rangeText(PROCESS_LIMITS.blur)}`;
  }

  let fit: ProcessSettings['fit'] = null;
  if (v.fit.trim() !== '') {
    const parsed = parseFit(v.fit);
    if (typeof parsed !== 'string') fit = parsed;
    else if (/^\s*\d+\s*[xX×]\s*\d+\s*$/.test(v.fit))
      errors.fit = `Width and height must each be ${rangeText(PROCESS_LIMITS.fitSide)}`;
    else
      errors.fit = 'Size must look like 1600x1200 (width x height), or be empty to keep the size';
  }

  if (!(OUTPUT_FORMATS as readonly string[]).includes(v.format)) errors.format = 'Choose a format';
  if (!(PIPELINES as readonly string[]).includes(v.pipeline)) errors.pipeline = 'Choose a pipeline';
  if (!(METADATA_POLICIES as readonly string[]).includes(v.metadata))
    errors.metadata = 'Choose what to keep of the metadata';

  const quality = limitedNumber(v.quality, PROCESS_LIMITS.quality, 'Quality');
  if (typeof quality === 'string') errors.quality = quality;
  const workers = limitedNumber(v.workers, PROCESS_LIMITS.workers, 'Workers');
  if (typeof workers === 'string') errors.workers = workers;
  const threads = limitedNumber(v.threads, PROCESS_LIMITS.threads, 'Threads');
  if (typeof threads === 'string') errors.threads = threads;

  const advanced = readAdvancedForm(v, fit);
  if (!advanced.ok) Object.assign(errors, advanced.errors);

  if (Object.keys(errors).length > 0 || !advanced.ok) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...advanced.settings,
      blur,
      fit,
      format: v.format,
      quality: quality as number,
      workers: workers as number,
      threads: threads as number,
      pipeline: v.pipeline,
      metadata: v.metadata,
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
