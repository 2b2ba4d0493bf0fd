/** The process options (`--blur`, `--fit`, …), shared by `process` and `download --process`. */
import os from 'node:os';
import {
  defaultProcessSettings,
  EXISTING_MODES,
  METADATA_POLICIES,
  OUTPUT_FORMATS,
  parseFit,
  PIPELINES,
} from '../shared/settings.js';
import type { ProcessSettings } from '../shared/settings.js';
import { parseNameTemplate } from '../shared/name-template.js';
import { applyPreset } from '../shared/presets.js';
import type { PresetSettings } from '../shared/presets.js';
import { CliUsageError } from './cli-io.js';
import { inSeconds, PROCESS_LIMITS, readBlur, readNumber } from '../shared/settings-limits.js';
import { choiceOption, intOption, limitedOption } from './parse-command-line.js';
import { OPERATION_OPTIONS, operationSettingsFrom } from './operation-options.js';
import type { OperationValues } from './operation-options.js';

/** parseArgs options for processing. */
export const PROCESS_OPTIONS = {
  out: { type: 'string', short: 'o' },
  blur: { type: 'string' },
  fit: { type: 'string' },
  format: { type: 'string' },
  quality: { type: 'string' },
  workers: { type: 'string' },
  threads: { type: 'string' },
  pipeline: { type: 'string' },
  existing: { type: 'string' },
  metadata: { type: 'string' },
  'max-pixels': { type: 'string' },
  'timeout-per-image': { type: 'string' },
  label: { type: 'string' },
  name: { type: 'string' },
  preset: { type: 'string' },
  ...OPERATION_OPTIONS,
} as const;

type ProcessValues = {
  [K in Exclude<keyof typeof PROCESS_OPTIONS, keyof OperationValues>]?: string;
} & OperationValues;

/**
 * Settings from the parsed options, on top of the defaults for this machine and the preset, if
 * one is given (`--preset`): an option names what changes from the preset, and a size option
 * replaces the preset's size. Every range is the schema's (src/shared/settings-limits.ts), so the
 * CLI accepts exactly what the window's form does.
 */
export function processSettingsFrom(
  values: ProcessValues,
  preset: PresetSettings | null = null,
): ProcessSettings {
  const machine = defaultProcessSettings(os.availableParallelism());
  const settings = preset ? applyPreset(machine, preset) : machine;
  const sizeOptions = ['fit', 'fill', 'long-edge', 'scale'] as const;
  if (preset && sizeOptions.some((o) => values[o] !== undefined)) {
    Object.assign(settings, {
      fit: null,
      fill: null,
      position: 'centre',
      longEdge: null,
      scale: null,
    });
  }
  if (values.blur !== undefined) {
    // Sigma 0 means "no blur"; below the schema's minimum is refused, never silently raised.
    const read = readBlur(readNumber(values.blur));
    if (!read.ok) throw new CliUsageError(`--blur must be ${read.problem}, got "${values.blur}"`);
    settings.blur = read.blur;
  }
  if (values.fit !== undefined) {
    const fit = parseFit(values.fit);
    if (typeof fit === 'string') throw new CliUsageError(`--fit: ${fit}`);
    settings.fit = fit;
  }
  settings.format = choiceOption('format', values.format, OUTPUT_FORMATS) ?? settings.format;
  settings.quality =
    limitedOption('quality', values.quality, PROCESS_LIMITS.quality) ?? settings.quality;
  settings.workers =
    limitedOption('workers', values.workers, PROCESS_LIMITS.workers) ?? settings.workers;
  settings.threads =
    limitedOption('threads', values.threads, PROCESS_LIMITS.threads) ?? settings.threads;
  settings.pipeline = choiceOption('pipeline', values.pipeline, PIPELINES) ?? settings.pipeline;
  settings.existing =
    choiceOption('existing', values.existing, EXISTING_MODES) ?? settings.existing;
  settings.metadata =
    choiceOption('metadata', values.metadata, METADATA_POLICIES) ?? settings.metadata;
  settings.limitInputPixels =
    limitedOption('max-pixels', values['max-pixels'], PROCESS_LIMITS.limitInputPixels) ??
    settings.limitInputPixels;
  const timeout = limitedOption(
    'timeout-per-image',
    values['timeout-per-image'],
    inSeconds(PROCESS_LIMITS.timeoutMs),
  );
  if (timeout !== undefined) settings.timeoutMs = Math.round(timeout * 1000);
  if (values.name !== undefined) {
    const template = parseNameTemplate(values.name);
    if (typeof template === 'string') throw new CliUsageError(`--name: ${template}`);
    settings.nameTemplate = template.source;
  }
  // A preset's size was cleared above if an option names one, so two size modes come only from
  // the options; a preset's fill still lets --position say where it crops.
  return { ...settings, ...operationSettingsFrom(values, settings) };
}

/** parseArgs options of `process` only: its image tasks through a queue (other machines). */
export const QUEUE_OPTIONS = {
  queue: { type: 'string' },
  'local-workers': { type: 'string' },
} as const;

/** Where a queue run's tasks go, from `--queue` and `--local-workers`; null for a local run. */
export function queueChoiceFrom(values: {
  queue?: string;
  'local-workers'?: string;
}): { url: string; localWorkers: number } | null {
  if (values.queue === undefined) {
    if (values['local-workers'] !== undefined) {
      throw new CliUsageError(
        '--local-workers needs --queue URL (it adds this machine to a queue)',
      );
    }
    return null;
  }
  const localWorkers =
    intOption('local-workers', values['local-workers'], 0, PROCESS_LIMITS.workers.max) ?? 0;
  return { url: values.queue, localWorkers };
}
