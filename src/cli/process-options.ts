/** The process options (`--blur`, `--fit`, …), shared by `process` and `download --process`. */
import os from 'node:os';
import {
  defaultProcessSettings,
  EXISTING_MODES,
  OUTPUT_FORMATS,
  parseFit,
  PIPELINES,
} from '../shared/settings.js';
import type { ProcessSettings } from '../shared/settings.js';
import { CliUsageError } from './cli-io.js';
import { choiceOption, intOption, numberOption } from './parse-command-line.js';

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
  'max-pixels': { type: 'string' },
  'timeout-per-image': { type: 'string' },
  label: { type: 'string' },
} as const;

type ProcessValues = { [K in keyof typeof PROCESS_OPTIONS]?: string };

/** Settings from the parsed options, on top of the defaults for this machine. */
export function processSettingsFrom(values: ProcessValues): ProcessSettings {
  const settings = defaultProcessSettings(os.availableParallelism());
  if (values.blur !== undefined) {
    const sigma = numberOption('blur', values.blur, 0, 1000)!;
    // Sigma 0 means "no blur" (libvips needs at least 0.3 for a real one).
    settings.blur = sigma === 0 ? null : Math.max(0.3, sigma);
  }
  if (values.fit !== undefined) {
    const fit = parseFit(values.fit);
    if (typeof fit === 'string') throw new CliUsageError(`--fit: ${fit}`);
    settings.fit = fit;
  }
  settings.format = choiceOption('format', values.format, OUTPUT_FORMATS) ?? settings.format;
  settings.quality = intOption('quality', values.quality, 1, 100) ?? settings.quality;
  settings.workers = intOption('workers', values.workers, 1, 64) ?? settings.workers;
  settings.threads = intOption('threads', values.threads, 1, 64) ?? settings.threads;
  settings.pipeline = choiceOption('pipeline', values.pipeline, PIPELINES) ?? settings.pipeline;
  settings.existing =
    choiceOption('existing', values.existing, EXISTING_MODES) ?? settings.existing;
  settings.limitInputPixels =
    intOption('max-pixels', values['max-pixels'], 1, Number.MAX_SAFE_INTEGER) ??
    settings.limitInputPixels;
  const timeout = numberOption('timeout-per-image', values['timeout-per-image'], 0.1, 86_400);
  if (timeout !== undefined) settings.timeoutMs = Math.round(timeout * 1000);
  return settings;
}
