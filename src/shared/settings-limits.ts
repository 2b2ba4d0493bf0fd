/**
 * The allowed range of every number setting, read from the schemas in settings.ts, and the
 * checks and words that go with them. The CLI's options and the window's forms check against
 * these, so a value one of them accepts the other accepts too, and the engine's own validation
 * (the same schemas) never refuses what a shell let through.
 */
import type * as z from 'zod';
import { downloadSettingsSchema, fitSchema, processSettingsSchema } from './settings.js';
import { operationSettingsShape } from './operation-settings.js';

/** A number setting's range, inclusive, and whether it must be whole. */
export interface NumberLimits {
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
}

/** The range a zod number schema states (`min`/`max`/`int`); a nullable one is unwrapped. */
export function limitsOf(
  schema: z.ZodNumber | z.ZodNullable<z.ZodNumber> | z.ZodOptional<z.ZodNumber>,
): NumberLimits {
  const n = 'unwrap' in schema ? schema.unwrap() : schema;
  // A schema with no bound reports ±Infinity (or ±MAX_SAFE_INTEGER when whole); both read as "none".
  return { min: n.minValue ?? -Infinity, max: n.maxValue ?? Infinity, whole: n.isInt === true };
}

/** The same range in seconds, for settings stored in ms but typed in seconds (timeouts). */
export function inSeconds(ms: NumberLimits): NumberLimits {
  return { min: ms.min / 1000, max: ms.max / 1000, whole: false };
}

const processShape = processSettingsSchema.shape;
const downloadShape = downloadSettingsSchema.shape;

/** Ranges of the process settings (timeout in ms, as stored). */
export const PROCESS_LIMITS = {
  /** Gaussian blur sigma, when there is a blur (libvips needs at least 0.3 for a real one). */
  blur: limitsOf(processShape.blur),
  quality: limitsOf(processShape.quality),
  workers: limitsOf(processShape.workers),
  threads: limitsOf(processShape.threads),
  limitInputPixels: limitsOf(processShape.limitInputPixels),
  timeoutMs: limitsOf(processShape.timeoutMs),
  /** Width and height of the fit box (each). */
  fitSide: limitsOf(fitSchema.shape.width),
} as const satisfies Record<string, NumberLimits>;

/** Ranges of the operation settings (resize modes and edits). */
export const OPERATION_LIMITS = {
  longEdge: limitsOf(operationSettingsShape.longEdge.unwrap()),
  /** Percent. */
  scale: limitsOf(operationSettingsShape.scale.unwrap()),
  /** Unsharp-mask sigma. */
  sharpen: limitsOf(operationSettingsShape.sharpen.unwrap()),
} as const satisfies Record<string, NumberLimits>;

/** Ranges of the download settings (timeout in ms, size in bytes, as stored). */
export const DOWNLOAD_LIMITS = {
  concurrency: limitsOf(downloadShape.concurrency),
  retries: limitsOf(downloadShape.retries),
  timeoutMs: limitsOf(downloadShape.timeoutMs),
  maxBytes: limitsOf(downloadShape.maxBytes),
  maxRedirects: limitsOf(downloadShape.maxRedirects),
  maxTimeMs: limitsOf(downloadShape.maxTimeMs),
  minSpeed: limitsOf(downloadShape.minSpeed),
} as const satisfies Record<string, NumberLimits>;

function unbounded(max: number): boolean {
  return max >= Number.MAX_SAFE_INTEGER;
}

/**
 * The range in words, to follow "must be": "a whole number from 1 to 64",
 * "a number from 0.1 to 3600", "a whole number of at least 1" (no upper bound).
 */
export function rangeText(limits: NumberLimits): string {
  const what = limits.whole ? 'a whole number' : 'a number';
  if (unbounded(limits.max)) return `${what} of at least ${limits.min}`;
  return `${what} from ${limits.min} to ${limits.max}`;
}

/** True when `value` is within the limits (and whole if it must be). */
export function withinLimits(value: number, limits: NumberLimits): boolean {
  return (
    Number.isFinite(value) &&
    (!limits.whole || Number.isInteger(value)) &&
    value >= limits.min &&
    value <= limits.max
  );
}

/**
 * Reads a number as typed (CLI option or form field): the number, or null when the text is not
 * one. Stricter than `Number()`, which reads "" and " " as 0 and "0x10" as 16.
 */
export function readNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * Blur as people type it (`sigma` from `readNumber`, null when the text was no number): 0 means
 * no blur (null: the CLI has no other way to say "none", and the form treats it like an empty
 * field); otherwise a sigma within `PROCESS_LIMITS.blur` — below it is refused, never raised.
 * Returns the setting, or the rule in words to follow "must be".
 */
export function readBlur(
  sigma: number | null,
): { ok: true; blur: number | null } | { ok: false; problem: string } {
  if (sigma === 0) return { ok: true, blur: null };
  if (sigma !== null && withinLimits(sigma, PROCESS_LIMITS.blur)) return { ok: true, blur: sigma };
  return { ok: false, problem: `0 (no blur) or ${rangeText(PROCESS_LIMITS.blur)}` };
}
