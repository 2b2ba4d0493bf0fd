/** The download options (`--concurrency`, `--timeout`, …) of `download`, within the schema's limits. */
import { DEFAULT_DOWNLOAD_SETTINGS, EXISTING_MODES } from '../shared/settings.js';
import type { DownloadSettings } from '../shared/settings.js';
import { formatBytes } from '../shared/format-figures.js';
import { DOWNLOAD_LIMITS, inSeconds, withinLimits } from '../shared/settings-limits.js';
import type { NumberLimits } from '../shared/settings-limits.js';
import { CliUsageError } from './cli-io.js';
import { choiceOption, limitedOption } from './parse-command-line.js';
import { PROCESS_OPTIONS } from './process-options.js';

/** parseArgs options of `download`: its own plus every process option (used with --process). */
export const DOWNLOAD_OPTIONS = {
  ...PROCESS_OPTIONS,
  concurrency: { type: 'string' },
  retries: { type: 'string' },
  timeout: { type: 'string' },
  'max-bytes': { type: 'string' },
  'max-redirects': { type: 'string' },
  'max-time': { type: 'string' },
  'min-speed': { type: 'string' },
  process: { type: 'boolean' },
} as const;

/** Download settings from the options, on top of the defaults, within the schema's limits. */
export function downloadSettingsFrom(values: {
  concurrency?: string;
  retries?: string;
  timeout?: string;
  'max-bytes'?: string;
  'max-redirects'?: string;
  'max-time'?: string;
  'min-speed'?: string;
  existing?: string;
}): DownloadSettings {
  const settings = { ...DEFAULT_DOWNLOAD_SETTINGS };
  const limits = DOWNLOAD_LIMITS;
  settings.concurrency =
    limitedOption('concurrency', values.concurrency, limits.concurrency) ?? settings.concurrency;
  settings.retries = limitedOption('retries', values.retries, limits.retries) ?? settings.retries;
  settings.maxRedirects =
    limitedOption('max-redirects', values['max-redirects'], limits.maxRedirects) ??
    settings.maxRedirects;
  const timeout = limitedOption('timeout', values.timeout, inSeconds(limits.timeoutMs));
  if (timeout !== undefined) settings.timeoutMs = Math.round(timeout * 1000);
  if (values['max-bytes'] !== undefined)
    settings.maxBytes = parseByteCount('max-bytes', values['max-bytes'], limits.maxBytes);
  const maxTime = limitedOption('max-time', values['max-time'], inSeconds(limits.maxTimeMs));
  if (maxTime !== undefined) settings.maxTimeMs = Math.round(maxTime * 1000);
  if (values['min-speed'] !== undefined) {
    settings.minSpeed = parseByteCount('min-speed', values['min-speed'], limits.minSpeed, '/s');
  }
  // The download folder's policy; the default for downloads is to number a new file (rename).
  settings.existing =
    choiceOption('existing', values.existing, EXISTING_MODES) ?? settings.existing;
  return settings;
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * `5000000`, `500K`, `50M`, `2G` (multiples of 1024, as formatBytes prints them; optional
 * trailing B or iB, and `/s` for a speed) → bytes, within the schema's limits.
 */
function parseByteCount(
  option: string,
  text: string,
  limits: NumberLimits,
  per: '' | '/s' = '',
): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?(\/s)?\s*$/i.exec(text);
  const bytes = m && (per || !m[3]) ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!withinLimits(bytes, limits)) {
    const bound =
      Number.isFinite(bytes) && bytes > limits.max
        ? `at most ${formatBytes(limits.max)}${per}`
        : `at least ${formatBytes(limits.min)}${per}`;
    const examples = per
      ? 'a speed in bytes per second such as 1024, 1K or 1KiB/s (0 turns the check off)'
      : 'a size such as 50000000, 500K or 50M';
    throw new CliUsageError(`--${option} must be ${examples} (${bound}), got "${text}"`);
  }
  return bytes;
}
