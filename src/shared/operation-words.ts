/**
 * A run's resize modes and edits in words, in the order they are applied (operation-settings.ts):
 * one source for `show`, compare's differences and History's summary.
 */
import { cropText } from './operation-settings.js';
import type { OperationSettings } from './operation-settings.js';

/** The operation fields whose change alters what a run produces, in the order they apply. */
export const OPERATION_FIELDS = [
  'crop',
  'flip',
  'flop',
  'rotate',
  'fill',
  'position',
  'longEdge',
  'scale',
  'sharpen',
  'onlySmaller',
  'nameTemplate',
] as const satisfies readonly (keyof OperationSettings)[];

/** What each field is called where it is not asked for ("no long edge"). */
export const OPERATION_FIELD_NAMES: Record<(typeof OPERATION_FIELDS)[number], string> = {
  crop: 'crop',
  flip: 'flip',
  flop: 'flop',
  rotate: 'rotation',
  fill: 'fill',
  position: 'fill position',
  longEdge: 'long edge',
  scale: 'scale',
  sharpen: 'sharpening',
  onlySmaller: 'only-smaller',
  nameTemplate: 'name template',
};

/** One field as words, or null when it asks for nothing (absent, null, false, centre alone). */
export function operationWord(
  s: OperationSettings,
  field: (typeof OPERATION_FIELDS)[number],
): string | null {
  switch (field) {
    case 'crop':
      return s.crop ? `crop ${cropText(s.crop)}` : null;
    case 'flip':
      return s.flip ? 'flip' : null;
    case 'flop':
      return s.flop ? 'flop' : null;
    case 'rotate':
      return s.rotate ? `rotate ${s.rotate}°` : null;
    case 'fill':
      return s.fill ? `fill ${s.fill.width}x${s.fill.height}` : null;
    case 'position':
      // Only said with fill, and only when not the middle (the default).
      return s.fill && s.position && s.position !== 'centre' ? `position ${s.position}` : null;
    case 'longEdge':
      return s.longEdge ? `long edge ${s.longEdge}` : null;
    case 'scale':
      return s.scale ? `scale ${s.scale}%` : null;
    case 'sharpen':
      return s.sharpen ? `sharpen ${s.sharpen}` : null;
    case 'onlySmaller':
      return s.onlySmaller ? 'only smaller' : null;
    case 'nameTemplate':
      return s.nameTemplate ? `named ${s.nameTemplate}` : null;
  }
}

/** Every operation asked for, in order: ["crop 800x600+0+0", "rotate 90°", "fill 400x400"]. */
export function operationWords(s: OperationSettings): string[] {
  return OPERATION_FIELDS.map((f) => operationWord(s, f)).filter((w): w is string => w !== null);
}
