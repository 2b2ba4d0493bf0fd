/**
 * How the two stages of a `download --process` run overlapped: for how long anything was being
 * downloaded, for how long anything was being processed, and for how long both happened at once.
 * This is what shows whether processing kept up with the network instead of waiting for it.
 */
import type { ItemRecord } from './records.js';

/** Busy times of a run's stages, in ms (unions of the items' intervals, not sums). */
export interface StageOverlap {
  /** Time during which at least one download was in flight. */
  downloadMs: number;
  /** Time during which at least one image was being processed. */
  processMs: number;
  /** Time during which both were happening. */
  overlapMs: number;
  /** From the first start of either stage to the last end. */
  spanMs: number;
}

type Interval = readonly [number, number];

/** Sorted, non-overlapping union of intervals. */
function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

const total = (intervals: readonly Interval[]): number =>
  intervals.reduce((sum, [a, b]) => sum + (b - a), 0);

/** Length of the intersection of two unions (both sorted and disjoint). */
function intersection(a: readonly Interval[], b: readonly Interval[]): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (end > start) sum += end - start;
    if (a[i]![1] < b[j]![1]) i += 1;
    else j += 1;
  }
  return sum;
}

/** The stages' busy times from stored items (download timings and worker start/end). */
export function stageOverlap(items: readonly ItemRecord[]): StageOverlap {
  const downloads: Interval[] = [];
  const processing: Interval[] = [];
  for (const item of items) {
    const d = item.download;
    if (d && d.startMs !== null && d.endMs !== null) downloads.push([d.startMs, d.endMs]);
    if (item.startMs !== null && item.endMs !== null) processing.push([item.startMs, item.endMs]);
  }
  const d = union(downloads);
  const p = union(processing);
  const all = union([...d, ...p]);
  return {
    downloadMs: total(d),
    processMs: total(p),
    overlapMs: intersection(d, p),
    spanMs: all.length ? all.at(-1)![1] - all[0]![0] : 0,
  };
}
