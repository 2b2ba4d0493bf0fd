/**
 * The CLI options of the resize modes and edits (`--fill`, `--position`, `--long-edge`, `--scale`,
 * `--rotate`, `--flip`, `--flop`, `--sharpen [SIGMA]`, `--crop`, `--only-smaller`): parseArgs
 * options and their reading into settings, every range the schema's (settings-limits.ts).
 */
import {
  DEFAULT_SHARPEN_SIGMA,
  FILL_POSITIONS,
  operationConflict,
  parseCrop,
  ROTATIONS,
} from '../shared/operation-settings.js';
import type { OperationSettings } from '../shared/operation-settings.js';
import { parseFit } from '../shared/settings.js';
import type { ProcessSettings } from '../shared/settings.js';
import { OPERATION_LIMITS, readNumber, withinLimits } from '../shared/settings-limits.js';
import { CliUsageError } from './cli-io.js';
import { choiceOption, limitedOption } from './parse-command-line.js';

/** parseArgs options of the operations. */
export const OPERATION_OPTIONS = {
  fill: { type: 'string' },
  position: { type: 'string' },
  'long-edge': { type: 'string' },
  scale: { type: 'string' },
  rotate: { type: 'string' },
  flip: { type: 'boolean' },
  flop: { type: 'boolean' },
  sharpen: { type: 'string' },
  crop: { type: 'string' },
  'only-smaller': { type: 'boolean' },
} as const;

/**
 * Options whose value may be left out, with the value they then take: `--sharpen` alone is
 * `--sharpen 1`. parse-command-line.ts fills it in before parseArgs sees the line.
 */
export const OPTIONAL_VALUE_OPTIONS: Readonly<Record<string, string>> = {
  sharpen: String(DEFAULT_SHARPEN_SIGMA),
};

/** The parsed values of these options. */
export interface OperationValues {
  fill?: string;
  position?: string;
  'long-edge'?: string;
  scale?: string;
  rotate?: string;
  flip?: boolean;
  flop?: boolean;
  sharpen?: string;
  crop?: string;
  'only-smaller'?: boolean;
}

/** The operation settings the options ask for; a wrong value or two size modes: CliUsageError. */
export function operationSettingsFrom(
  values: OperationValues,
  base: { fit: ProcessSettings['fit']; fill?: ProcessSettings['fill'] },
): OperationSettings {
  const out: OperationSettings = {};
  if (values.fill !== undefined) {
    const fill = parseFit(values.fill);
    if (typeof fill === 'string') throw new CliUsageError(`--fill: ${fill}`);
    out.fill = fill;
  }
  const position = choiceOption('position', values.position, FILL_POSITIONS);
  if (position !== undefined) out.position = position;
  const longEdge = limitedOption('long-edge', values['long-edge'], OPERATION_LIMITS.longEdge);
  if (longEdge !== undefined) out.longEdge = longEdge;
  if (values.scale !== undefined) {
    // `--scale 50%` or `--scale 50`.
    const scale = readNumber(values.scale.trim().replace(/%$/, ''));
    if (scale !== null && withinLimits(scale, OPERATION_LIMITS.scale)) out.scale = scale;
    else
      throw new CliUsageError(
        `--scale must be a percentage from ${OPERATION_LIMITS.scale.min} to ${OPERATION_LIMITS.scale.max} (e.g. 50%), got "${values.scale}"`,
      );
  }
  if (values.rotate !== undefined) {
    const rotate = Number(values.rotate.trim());
    if (!(ROTATIONS as readonly number[]).includes(rotate))
      throw new CliUsageError(
        `--rotate must be one of ${ROTATIONS.join(', ')} (degrees clockwise), got "${values.rotate}"`,
      );
    out.rotate = rotate as OperationSettings['rotate'];
  }
  if (values.flip) out.flip = true;
  if (values.flop) out.flop = true;
  const sharpen = limitedOption('sharpen', values.sharpen, OPERATION_LIMITS.sharpen);
  if (sharpen !== undefined) out.sharpen = sharpen;
  if (values.crop !== undefined) {
    const crop = parseCrop(values.crop);
    if (typeof crop === 'string') throw new CliUsageError(`--crop: ${crop}`);
    out.crop = crop;
  }
  if (values['only-smaller']) out.onlySmaller = true;
  const conflict = operationConflict({ fill: base.fill ?? null, ...out, fit: base.fit });
  if (conflict) throw new CliUsageError(conflict);
  return out;
}
