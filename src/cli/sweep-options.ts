/** `sweep`'s lists (`--workers 1,2,4`), each value within the setting's own limits. */
import os from 'node:os';
import { MAX_SWEEP_COMBINATIONS } from '../engine/sweep-run.js';
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

/**
 * Worker counts a sweep tries unless told: 1, 2, … up to the cores and one past them (to show
 * where another worker stops paying); on machines with many cores, doublings up to the cores
 * instead, so the sweep stays within its combination limit.
 */
export function defaultWorkerList(cores = os.availableParallelism()): number[] {
  const n = Math.max(1, cores);
  if (n + 1 <= MAX_SWEEP_COMBINATIONS) return Array.from({ length: n + 1 }, (_, i) => i + 1);
  const list: number[] = [];
  for (let w = 1; w < n; w *= 2) list.push(w);
  const tail = [n, n + 1];
  return [...list.slice(0, MAX_SWEEP_COMBINATIONS - tail.length), ...tail];
}

/** Download concurrencies a URL sweep tries unless told. */
export const DEFAULT_CONCURRENCY_LIST = [1, 4, 16, 64];
