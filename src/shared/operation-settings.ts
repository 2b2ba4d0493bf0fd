/**
 * The resize modes and simple edits of a process run (issue 10, item 4), as optional settings
 * fields: runs stored before they existed still read, and an absent field means "not asked".
 * settings.ts spreads `operationSettingsShape` into the process settings' schema.
 *
 * Order of operations (one order for both pipelines, documented in the usage text and README):
 * orient (EXIF) → crop → flip/flop → rotate → blur → resize (fit | fill | long edge | scale) →
 * sharpen → encode (named by the name template, if any). The fast pipeline resizes first and scales the blur's sigma, as before.
 */
import * as z from 'zod';
import { parseNameTemplate } from './name-template.js';

/** Where `fill` keeps the picture when it crops to the box: the middle, or what libvips finds interesting. */
export const FILL_POSITIONS = ['centre', 'attention', 'entropy'] as const;
/** A crop position for `fill`. */
export type FillPosition = (typeof FILL_POSITIONS)[number];

/** Clockwise quarter turns. */
export const ROTATIONS = [90, 180, 270] as const;
/** A clockwise rotation in degrees. */
export type Rotation = (typeof ROTATIONS)[number];

/** The sigma `--sharpen` uses when given none. */
export const DEFAULT_SHARPEN_SIGMA = 1;

const side = z.number().int().min(1).max(100_000);

/** A box of output pixels (fill's exact size). */
export const boxSchema = z.object({ width: side, height: side });
/** A box of output pixels. */
export type Box = z.infer<typeof boxSchema>;

/** A rectangle of the (oriented) input: `WxH+X+Y`. */
export const cropSchema = z.object({
  width: side,
  height: side,
  left: z.number().int().min(0).max(100_000),
  top: z.number().int().min(0).max(100_000),
});
/** A rectangle of the (oriented) input. */
export type Crop = z.infer<typeof cropSchema>;

/** The new fields of the process settings; every one optional (absent: not asked). */
export const operationSettingsShape = {
  /** Cover this box exactly, cropping what overflows (a smaller photo is enlarged). */
  fill: boxSchema.nullable().optional(),
  /** Where fill crops; absent: centre. */
  position: z.enum(FILL_POSITIONS).optional(),
  /** The longer side becomes at most this many pixels (never enlarged). */
  longEdge: side.nullable().optional(),
  /** Both sides times this percentage (may enlarge). */
  scale: z.number().min(1).max(1000).nullable().optional(),
  /** Clockwise rotation after the EXIF orientation is applied. */
  rotate: z
    .union([z.literal(ROTATIONS[0]), z.literal(ROTATIONS[1]), z.literal(ROTATIONS[2])])
    .nullable()
    .optional(),
  /** Mirror top to bottom. */
  flip: z.boolean().optional(),
  /** Mirror left to right. */
  flop: z.boolean().optional(),
  /** Unsharp-mask sigma applied after the resize. */
  sharpen: z.number().min(0.3).max(10).nullable().optional(),
  /** Keep only this rectangle of the oriented input (clamped to the image). */
  crop: cropSchema.nullable().optional(),
  /** When the encoded output is larger than the input, copy the input's bytes instead. */
  onlySmaller: z.boolean().optional(),
  /** How outputs are named (name-template.ts); absent or null: as their inputs. */
  nameTemplate: z
    .string()
    .nullable()
    .optional()
    .superRefine((value, ctx) => {
      const parsed = value ? parseNameTemplate(value) : null;
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
};

/** The operation settings as an object schema (for picking and for tests). */
export const operationSettingsSchema = z.object(operationSettingsShape);
/** The operation settings. */
export type OperationSettings = z.infer<typeof operationSettingsSchema>;

/** The size modes, by the option that asks for each: only one may be used at a time. */
export const SIZE_MODE_OPTIONS = {
  fit: '--fit',
  fill: '--fill',
  longEdge: '--long-edge',
  scale: '--scale',
} as const;

/** The size-mode fields that are set, in the order of SIZE_MODE_OPTIONS. */
export function sizeModesSet(
  s: OperationSettings & { fit?: { width: number; height: number } | null },
): (keyof typeof SIZE_MODE_OPTIONS)[] {
  return (Object.keys(SIZE_MODE_OPTIONS) as (keyof typeof SIZE_MODE_OPTIONS)[]).filter(
    (k) => s[k] !== null && s[k] !== undefined,
  );
}

/**
 * Why the settings cannot run, in words naming both options ("--fit and --fill cannot be used
 * together: choose one size mode"), or null. `position` without `fill` is refused too.
 */
export function operationConflict(
  s: OperationSettings & { fit?: { width: number; height: number } | null },
): string | null {
  const modes = sizeModesSet(s);
  if (modes.length > 1)
    return `${SIZE_MODE_OPTIONS[modes[0]!]} and ${SIZE_MODE_OPTIONS[modes[1]!]} cannot be used together: choose one size mode`;
  if (s.position !== undefined && s.position !== 'centre' && !s.fill)
    return '--position needs --fill WxH (it says where fill crops)';
  return null;
}

/** Parses `WxH+X+Y` (e.g. `800x600+10+20`) into a Crop, or returns the problem in words. */
export function parseCrop(text: string): Crop | string {
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*\+\s*(\d+)\s*\+\s*(\d+)\s*$/.exec(text);
  if (!m) return `expected WxH+X+Y such as 800x600+100+50, got "${text}"`;
  const crop = { width: Number(m[1]), height: Number(m[2]), left: Number(m[3]), top: Number(m[4]) };
  const checked = cropSchema.safeParse(crop);
  return checked.success
    ? checked.data
    : `width and height must be whole numbers from 1 to 100000 and X, Y from 0 to 100000, got "${text}"`;
}

/** A crop as typed: `800x600+100+50`. */
export function cropText(crop: Crop): string {
  return `${crop.width}x${crop.height}+${crop.left}+${crop.top}`;
}
