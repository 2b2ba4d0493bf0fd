/** What a sweep tries when not told: the CLI's `sweep` and the window's Tune share these. */
import os from 'node:os';
import { MAX_SWEEP_COMBINATIONS } from './sweep-run.js';

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
