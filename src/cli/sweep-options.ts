/** `sweep`'s lists (`--workers 1,2,4`), each value within the setting's own limits. */
import { rangeText, readNumber, withinLimits } from '../shared/settings-limits.js';
import type { NumberLimits } from '../shared/settings-limits.js';
import { CliUsageError } from './cli-io.js';

/**
 * A comma-separated list of whole numbers within `limits` ("1,2,4"), each once, in the order
 * given; a CliUsageError naming the option otherwise.
 */
export function listOption(
  name: string,
  text: string | undefined,
  limits: NumberLimits,
): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map(readNumber);
  const bad = parts.find(
    (p, i) =>
      values[i] === null || !Number.isInteger(values[i]) || !withinLimits(values[i]!, limits),
  );
  if (bad !== undefined) {
    // "a whole number from 1 to 64" → "whole numbers from 1 to 64"
    const range = rangeText(limits).replace(
      /^a (whole )?number/,
      (_, whole = '') => `${whole}numbers`,
    );
    throw new CliUsageError(
      `--${name} must be a comma-separated list of ${range} (such as 1,2,4), got "${text}"`,
    );
  }
  if (new Set(values).size !== values.length)
    throw new CliUsageError(`--${name} lists a value twice: "${text}"`);
  return values as number[];
}

export { DEFAULT_CONCURRENCY_LIST, defaultWorkerList } from '../engine/sweep-defaults.js';
