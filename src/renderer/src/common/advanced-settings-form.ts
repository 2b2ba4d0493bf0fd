/**
 * The advanced process settings as the form edits them (the resize modes other than fit, the
 * edits, only-smaller, existing outputs, the pixel limit and the per-image timeout) and back, with
 * the same ranges and rules as the CLI's options (settings-limits.ts, operation-settings.ts).
 * process-settings-form.ts spreads these fields into the whole form.
 */
import {
  FILL_POSITIONS,
  ROTATIONS,
  parseCrop,
  cropText,
  sizeModesSet,
} from '../../../shared/operation-settings.js';
import type { FillPosition, OperationSettings } from '../../../shared/operation-settings.js';
import { EXISTING_MODES, parseFit } from '../../../shared/settings.js';
import { parseNameTemplate } from '../../../shared/name-template.js';
import type { ExistingMode, ProcessSettings } from '../../../shared/settings.js';
import {
  OPERATION_LIMITS,
  PROCESS_LIMITS,
  inSeconds,
  rangeText,
  readNumber,
  withinLimits,
} from '../../../shared/settings-limits.js';

/** What the advanced fields hold; empty text means "not asked". */
export interface AdvancedFormValues {
  fill: string;
  position: FillPosition;
  longEdge: string;
  /** Percent, with or without the % sign. */
  scale: string;
  crop: string;
  /** '' for none. */
  rotate: '' | `${(typeof ROTATIONS)[number]}`;
  flip: boolean;
  flop: boolean;
  sharpen: string;
  onlySmaller: boolean;
  /** The output name template; '' keeps the inputs' names. */
  nameTemplate: string;
  existing: ExistingMode;
  /** Megapixels, rounded for the eye. */
  maxPixels: string;
  /** The exact pixel limit the field was filled from: kept while the field still shows it. */
  filledPixels: number;
  /** Seconds. */
  timeout: string;
}

/** The settings the advanced fields stand for; every operation said (null/false when not asked). */
export type AdvancedSettings = Required<OperationSettings> &
  Pick<ProcessSettings, 'existing' | 'limitInputPixels' | 'timeoutMs'>;

/** The labels the window gives each size mode (messages name the fields the user sees). */
export const SIZE_MODE_LABELS = {
  fit: 'Fit inside',
  fill: 'Fill exactly',
  longEdge: 'Long edge',
  scale: 'Scale',
} as const;

const MEGA = 1_000_000;
const TIMEOUT_S = inSeconds(PROCESS_LIMITS.timeoutMs);

/** A pixel count as the field shows it: megapixels to one decimal (268.4). */
function megapixelsText(pixels: number): string {
  return String(Math.round((pixels / MEGA) * 10) / 10);
}

/** Fills the advanced fields from stored settings. */
export function toAdvancedFormValues(s: ProcessSettings): AdvancedFormValues {
  const box = (b: { width: number; height: number } | null | undefined) =>
    b ? `${b.width}x${b.height}` : '';
  return {
    fill: box(s.fill),
    position: s.position ?? 'centre',
    longEdge: s.longEdge ? String(s.longEdge) : '',
    scale: s.scale ? `${s.scale}%` : '',
    crop: s.crop ? cropText(s.crop) : '',
    rotate: s.rotate ? (String(s.rotate) as AdvancedFormValues['rotate']) : '',
    flip: s.flip === true,
    flop: s.flop === true,
    sharpen: s.sharpen ? String(s.sharpen) : '',
    onlySmaller: s.onlySmaller === true,
    nameTemplate: s.nameTemplate ?? '',
    existing: s.existing,
    maxPixels: megapixelsText(s.limitInputPixels),
    filledPixels: s.limitInputPixels,
    timeout: String(s.timeoutMs / 1000),
  };
}

/** Field name → message, only for fields that are wrong. */
export type AdvancedFormErrors = Partial<Record<keyof AdvancedFormValues | 'fit', string>>;

/** Reads the advanced fields; `fit` is the basic form's box (for the one-size-mode rule). */
export function readAdvancedForm(
  v: AdvancedFormValues,
  fit: ProcessSettings['fit'],
): { ok: true; settings: AdvancedSettings } | { ok: false; errors: AdvancedFormErrors } {
  const errors: AdvancedFormErrors = {};
  const empty = (text: string) => text.trim() === '';

  let fill: AdvancedSettings['fill'] = null;
  if (!empty(v.fill)) {
    const parsed = parseFit(v.fill);
    if (typeof parsed === 'string') errors.fill = 'Size must look like 400x400 (width x height)';
    else fill = parsed;
  }
  const position = (FILL_POSITIONS as readonly string[]).includes(v.position)
    ? v.position
    : 'centre';

  const number = (text: string, limits: typeof OPERATION_LIMITS.longEdge, what: string) => {
    const n = readNumber(text.trim().replace(/%$/, ''));
    return n !== null && withinLimits(n, limits) ? n : `${what} must be ${rangeText(limits)}`;
  };
  let longEdge: number | null = null;
  if (!empty(v.longEdge)) {
    const n = number(v.longEdge, OPERATION_LIMITS.longEdge, 'Long edge');
    if (typeof n === 'string') errors.longEdge = n;
    else longEdge = n;
  }
  let scale: number | null = null;
  if (!empty(v.scale)) {
    const n = number(v.scale, OPERATION_LIMITS.scale, 'Scale (percent)');
    if (typeof n === 'string') errors.scale = n;
    else scale = n;
  }
  let sharpen: number | null = null;
  if (!empty(v.sharpen)) {
    const n = number(v.sharpen, OPERATION_LIMITS.sharpen, 'Sharpen');
    if (typeof n === 'string') errors.sharpen = n;
    else sharpen = n;
  }
  let crop: AdvancedSettings['crop'] = null;
  if (!empty(v.crop)) {
    const parsed = parseCrop(v.crop);
    if (typeof parsed === 'string')
      errors.crop = 'Crop must look like 800x600+100+50 (width x height + left + top)';
    else crop = parsed;
  }
  const rotate = v.rotate === '' ? null : (Number(v.rotate) as AdvancedSettings['rotate']);
  if (rotate !== null && !(ROTATIONS as readonly number[]).includes(rotate))
    errors.rotate = 'Choose a rotation';
  let nameTemplate: string | null = null;
  if (!empty(v.nameTemplate)) {
    const parsed = parseNameTemplate(v.nameTemplate);
    // The shared check's words, which name the template rather than the CLI's option.
    if (typeof parsed === 'string') errors.nameTemplate = capitalised(parsed);
    else nameTemplate = parsed.source;
  }
  if (!(EXISTING_MODES as readonly string[]).includes(v.existing))
    errors.existing = 'Choose what to do with outputs that exist';

  // Unchanged, the field keeps the exact limit it was filled from (268.4 MP is 268,402,689).
  let limitInputPixels = v.filledPixels;
  const mp = readNumber(v.maxPixels);
  const pixels = mp === null ? null : Math.round(mp * MEGA);
  if (pixels === null || !withinLimits(pixels, PROCESS_LIMITS.limitInputPixels))
    errors.maxPixels = 'Largest photo must be a number of megapixels above 0, e.g. 268.4';
  else if (v.maxPixels.trim() !== megapixelsText(v.filledPixels)) limitInputPixels = pixels;
  let timeoutMs = 0;
  const seconds = readNumber(v.timeout);
  if (seconds === null || !withinLimits(seconds, TIMEOUT_S))
    errors.timeout = `Time per photo must be ${rangeText(TIMEOUT_S)} seconds`;
  else timeoutMs = Math.round(seconds * 1000);

  // One size mode at a time, named as the fields are (the CLI names its options instead).
  const modes = sizeModesSet({ fit, fill, longEdge, scale });
  if (modes.length > 1) {
    const message = `${SIZE_MODE_LABELS[modes[0]!]} and ${SIZE_MODE_LABELS[modes[1]!]} cannot be used together: choose one size mode`;
    for (const mode of modes) errors[mode] ??= message;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      fill,
      position,
      longEdge,
      scale,
      crop,
      rotate,
      flip: v.flip,
      flop: v.flop,
      sharpen,
      onlySmaller: v.onlySmaller,
      nameTemplate,
      existing: v.existing,
      limitInputPixels,
      timeoutMs,
    },
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
