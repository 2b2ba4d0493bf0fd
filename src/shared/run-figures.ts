/**
 * What a run's figures mean — one definition each, used by the engine's live progress, the CLI
 * (`runs`, `compare`, the run summary), `--json` and the window — so "images/s" is the same
 * number wherever it is shown.
 *
 * The unit of work is an item: an image for a process run, a file for a download run. An item
 * is *finished* when it ended ok or failed: either way a worker or fetcher spent time on it.
 * A skipped item (not an image, output already there) cost no work, so no rate counts it.
 */
import type { ItemRecord, MachineShare, RunKind, RunSettings } from './records.js';

/** The counts a rate needs; a `RunRecord`, `RunSummary['items']` or live progress all fit. */
export interface FinishedCounts {
  ok: number;
  failed: number;
}

/** The counts live progress needs: finished ones plus how many there are and how many were skipped. */
export interface ProgressCounts extends FinishedCounts {
  total: number;
  skipped: number;
}

function positive(n: number | null | undefined): n is number {
  return n !== null && n !== undefined && Number.isFinite(n) && n > 0;
}

/** Items finished, ok or failed (skipped items are not work done). */
export function finishedItems(counts: FinishedCounts): number {
  return counts.ok + counts.failed;
}

/**
 * Images (or files) per second: items finished — ok or failed — per second of wall time.
 * Null while there is no wall time to divide by (null, 0, negative, not finite).
 */
export function itemsPerSecond(counts: FinishedCounts, wallMs: number | null): number | null {
  return positive(wallMs) ? finishedItems(counts) / (wallMs / 1000) : null;
}

/**
 * Wall time per finished item: the inverse of `itemsPerSecond`, in ms. Null when nothing has
 * finished or there is no wall time.
 */
export function msPerItem(counts: FinishedCounts, wallMs: number | null): number | null {
  const finished = finishedItems(counts);
  return positive(wallMs) && finished > 0 ? wallMs / finished : null;
}

/**
 * What the engine's `run:progress` carries, so the live figure is the same as the finished one:
 * `itemsPerSecond` as defined above over the time elapsed so far (0 until it can be known, as
 * the event needs a number), and the time left at that rate for the items not yet done (ok,
 * failed or skipped), or null while the rate is 0.
 */
export function liveProgressFigures(
  counts: ProgressCounts,
  elapsedMs: number,
): { itemsPerSecond: number; etaMs: number | null } {
  const rate = itemsPerSecond(counts, elapsedMs) ?? 0;
  const left = Math.max(0, counts.total - counts.ok - counts.failed - counts.skipped);
  return { itemsPerSecond: rate, etaMs: rate > 0 ? (left / rate) * 1000 : null };
}

/**
 * How many items a run works on at once, as it was configured: the download concurrency for a
 * download run (with or without processing after), the number of worker processes otherwise.
 */
export function runParallelism(run: {
  kind: RunKind;
  workers: number;
  settings: RunSettings;
}): number {
  if (run.kind === 'download') return run.settings.download?.concurrency ?? 1;
  return run.workers;
}

/**
 * How many times faster than the baseline a run got through its items: its `itemsPerSecond`
 * divided by the baseline's (the same as the baseline's ms per item over this run's), so runs of
 * different sizes compare fairly. Above 1 is faster. Null when either rate is unknown or zero.
 */
export function speedup(rate: number | null, baselineRate: number | null): number | null {
  return positive(rate) && positive(baselineRate) ? rate / baselineRate : null;
}

/**
 * How much of the ideal a speedup reached: the speedup divided by how many times more
 * parallelism (`runParallelism`) the run had than the baseline. 1 is perfect scaling.
 */
export function efficiency(
  runSpeedup: number | null,
  parallelism: number,
  baselineParallelism: number,
): number | null {
  if (runSpeedup === null || !positive(parallelism) || !positive(baselineParallelism)) return null;
  return runSpeedup / (parallelism / baselineParallelism);
}

/**
 * The p-th percentile (0–100) by nearest rank: the smallest value that at least p% of the values
 * are at or below. p50 is the median. Values that are not finite are ignored; null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * How long an item's main stage took, in ms: from start to end in its worker if it was
 * processed, else its download. Null when it never ran.
 */
export function itemDurationMs(item: ItemRecord): number | null {
  if (item.startMs !== null && item.endMs !== null) return item.endMs - item.startMs;
  const d = item.download;
  if (d && d.startMs !== null && d.endMs !== null) return d.endMs - d.startMs;
  return null;
}

/**
 * The per-image times that p50/p95 are taken over: `itemDurationMs` of the items that ended ok.
 * Failed items are left out: a failure may take no time (unreadable file) or the whole timeout.
 */
export function okItemDurations(items: readonly ItemRecord[]): number[] {
  const out: number[] = [];
  for (const item of items) {
    if (item.status !== 'ok') continue;
    const ms = itemDurationMs(item);
    if (ms !== null) out.push(ms);
  }
  return out;
}

/**
 * Input megapixels per second of wall time: the width × height of every finished item whose
 * input size is known, over the run's wall time. Null without wall time.
 */
export function megapixelsPerSecond(
  items: readonly ItemRecord[],
  wallMs: number | null,
): number | null {
  if (!positive(wallMs)) return null;
  let megapixels = 0;
  for (const i of items) {
    if (i.status !== 'ok' && i.status !== 'failed') continue;
    megapixels += ((i.widthIn ?? 0) * (i.heightIn ?? 0)) / 1e6;
  }
  return megapixels / (wallMs / 1000);
}

/**
 * The share of the time a lane (or all lanes together) spent on items: busy ms over the ms it
 * could have been busy (wall time × lanes). Null when there was no time.
 */
export function busyShare(busyMs: number, capacityMs: number): number | null {
  return positive(capacityMs) ? busyMs / capacityMs : null;
}

/**
 * The machines of a run that did not say otherwise: one, the computer that ran it, with the
 * run's own lanes and figures (every local run, and runs stored before machines were).
 */
export function oneMachine(
  host: string,
  run: { workers: number; ok: number; failed: number; cpuMs: number | null },
): MachineShare[] {
  if (run.workers <= 0) return [];
  return [
    {
      name: host,
      host,
      lanes: run.workers,
      ok: run.ok,
      failed: run.failed,
      cpuMs: Math.round(run.cpuMs ?? 0),
      laneIds: Array.from({ length: run.workers }, (_, i) => i),
    },
  ];
}
