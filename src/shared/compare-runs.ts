/**
 * Compare maths shared by the CLI's `compare` and the window's Compare view: the same figures
 * everywhere. Runs of different sizes compare per item (time per image), not by wall time.
 */
import { laneGroups, namesMachines, rowsByGroup } from './lane-groups.js';
import type { ItemRecord, RunRecord } from './records.js';
import {
  efficiency,
  itemsPerSecond,
  megapixelsPerSecond,
  msPerItem,
  okItemDurations,
  percentile,
  runParallelism,
  speedup,
} from './run-figures.js';
import { didSameWork, differencesFrom, overlapsBetween } from './run-differences.js';
import type { RunDifference } from './run-differences.js';

export type { RunDifference } from './run-differences.js';

/** Figures of one run in a comparison. */
export interface RunMetrics {
  runId: number;
  label: string | null;
  kind: RunRecord['kind'];
  status: RunRecord['status'];
  startedAt: string;
  workers: number;
  /** Download runs: downloads at once (the download settings' concurrency); null otherwise. */
  concurrency: number | null;
  /**
   * True when the run did the same work as the baseline (same kind, inputs, settings beyond
   * parallelism, machine): only then are speedup and efficiency given.
   */
  sameWorkAsBaseline: boolean;
  threads: number;
  pipeline: string | null;
  /** Items that finished ok. */
  items: number;
  total: number;
  /** Items that failed. */
  failed: number;
  wallMs: number | null;
  cpuMs: number | null;
  /** `itemsPerSecond` of run-figures.ts: items finished (ok or failed) per second of wall time. */
  itemsPerSecond: number | null;
  /** `megapixelsPerSecond` of run-figures.ts (process runs only). */
  megapixelsPerSecond: number | null;
  /** Wall time per finished item (`msPerItem` of run-figures.ts). */
  msPerItem: number | null;
  /** `speedup` of run-figures.ts against the baseline: >1 is faster. */
  speedup: number | null;
  /** `efficiency` of run-figures.ts: speedup over the ratio of parallelism to the baseline's. */
  efficiency: number | null;
  /** Percentiles of `okItemDurations` (start to end in its worker, or download). */
  p50Ms: number | null;
  p95Ms: number | null;
  peakRssBytes: number | null;
  /** The run's bytes in and out (`RunRecord.bytesIn/bytesOut`: its ok items with an output). */
  bytesIn: number;
  bytesOut: number;
}

/** One bar of a timeline: one item on one lane (worker, or download slot). */
export interface TimelineBar {
  lane: number;
  startMs: number;
  endMs: number;
  stage: 'process' | 'download';
  status: ItemRecord['status'];
  source: string;
  /**
   * Download bars: when the first byte arrived (ms since the run's start), so a timeline can split
   * waiting from receiving the body, as WebPageTest's waterfall does. Absent for processing bars.
   */
  firstByteMs?: number | null;
}

/** A run's timeline. */
export interface RunTimeline {
  runId: number;
  wallMs: number;
  lanes: number;
  bars: TimelineBar[];
  /**
   * A queue run's lanes by machine: rows `firstRow`…`firstRow + rows − 1` are `label`'s (bars'
   * `lane` is then the drawn row, grouped). Absent for a local run: lanes are its workers.
   */
  groups?: { label: string; firstRow: number; rows: number; ok: number; failed: number }[];
}

/** What `runs:compare` answers and `photobatch compare` prints. */
export interface RunComparison {
  baselineId: number;
  runs: RunMetrics[];
  /** Per-item durations (ms) of each run, for distribution charts. */
  durations: { runId: number; ms: number[] }[];
  timelines: RunTimeline[];
  /**
   * Every way the runs are not alike, a sentence each: against the baseline (kind, inputs,
   * settings, machine) and between runs that overlapped in time.
   */
  differences: RunDifference[];
}

/** Figures of one run, without the baseline-relative ones (see run-figures.ts for their meaning). */
function runMetrics(run: RunRecord, items: readonly ItemRecord[]): RunMetrics {
  const counts = { ok: 0, failed: 0 };
  for (const i of items) {
    if (i.status === 'ok') counts.ok += 1;
    else if (i.status === 'failed') counts.failed += 1;
  }
  const durations = okItemDurations(items);
  return {
    runId: run.id,
    label: run.label,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt,
    workers: run.workers,
    concurrency: run.settings.download?.concurrency ?? null,
    sameWorkAsBaseline: true,
    threads: run.threads,
    pipeline: run.pipeline,
    items: counts.ok,
    total: run.total,
    failed: counts.failed,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    itemsPerSecond: itemsPerSecond(counts, run.wallMs),
    megapixelsPerSecond: run.kind === 'process' ? megapixelsPerSecond(items, run.wallMs) : null,
    msPerItem: msPerItem(counts, run.wallMs),
    speedup: null,
    efficiency: null,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    peakRssBytes: run.peakRssTotalBytes,
    bytesIn: run.bytesIn,
    bytesOut: run.bytesOut,
  };
}

/** Timeline bars of a run: one lane per worker (process) or per concurrent download slot. */
export function runTimeline(run: RunRecord, items: readonly ItemRecord[]): RunTimeline {
  const bars: TimelineBar[] = [];
  let lanes = 0;
  for (const item of items) {
    if (item.startMs !== null && item.endMs !== null && item.workerId !== null) {
      bars.push({
        lane: item.workerId,
        startMs: item.startMs,
        endMs: item.endMs,
        stage: 'process',
        status: item.status,
        source: item.source,
      });
      lanes = Math.max(lanes, item.workerId + 1);
    }
  }
  // Downloads have no fixed slots: pack them greedily into as few lanes as overlap requires.
  const downloads = items
    .filter((i) => i.download?.startMs != null && i.download?.endMs != null)
    .sort((a, b) => (a.download!.startMs ?? 0) - (b.download!.startMs ?? 0));
  const laneEnds: number[] = [];
  const firstDownloadLane = lanes;
  for (const item of downloads) {
    const d = item.download!;
    let lane = laneEnds.findIndex((end) => end <= d.startMs!);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(0);
    }
    laneEnds[lane] = d.endMs!;
    bars.push({
      lane: firstDownloadLane + lane,
      startMs: d.startMs!,
      endMs: d.endMs!,
      stage: 'download',
      status: item.status,
      source: item.source,
      firstByteMs: d.firstByteMs,
    });
  }
  const groups = machineRows(run, bars, lanes);
  lanes += laneEnds.length;
  return {
    runId: run.id,
    wallMs: run.wallMs ?? Math.max(0, ...bars.map((b) => b.endMs)),
    lanes,
    bars,
    ...(groups ? { groups } : {}),
  };
}

/** Compares runs against a baseline (default: the first). */
export function compareRuns(
  runs: readonly { run: RunRecord; items: readonly ItemRecord[] }[],
  baselineId?: number,
): RunComparison {
  if (runs.length === 0) throw new Error('Expected at least one run to compare but received none');
  const baseline = runs.find((r) => r.run.id === baselineId) ?? runs[0]!;
  const base = runMetrics(baseline.run, baseline.items);
  const differences: RunDifference[] = [];
  const metrics = runs.map(({ run, items }) => {
    const m = runMetrics(run, items);
    const unlike = differencesFrom(run, baseline.run);
    differences.push(...unlike);
    m.sameWorkAsBaseline = didSameWork(unlike);
    // A speed across different work ("634%") is a number that means nothing: none is given.
    if (m.sameWorkAsBaseline) {
      m.speedup = speedup(m.itemsPerSecond, base.itemsPerSecond);
      m.efficiency = efficiency(m.speedup, runParallelism(run), runParallelism(baseline.run));
    }
    return m;
  });
  differences.push(...overlapsBetween(runs.map((r) => r.run)));
  return {
    baselineId: baseline.run.id,
    runs: metrics,
    durations: runs.map(({ run, items }) => ({
      runId: run.id,
      ms: okItemDurations(items),
    })),
    timelines: runs.map(({ run, items }) => runTimeline(run, items)),
    differences,
  };
}

/**
 * A queue run's processing lanes regrouped by machine (each machine's rows together, in
 * `laneGroups`' order): moves the bars to their rows and returns the groups; null for a local run.
 */
function machineRows(
  run: RunRecord,
  bars: TimelineBar[],
  processLanes: number,
): RunTimeline['groups'] | null {
  if (!namesMachines(run.machines)) return null;
  const groups = laneGroups(run.machines, processLanes);
  const rows = rowsByGroup(groups);
  for (const bar of bars) if (bar.stage === 'process') bar.lane = rows.get(bar.lane) ?? bar.lane;
  let firstRow = 0;
  return groups.map((g) => {
    const group = {
      label: g.label ?? 'no machine recorded',
      firstRow,
      rows: g.lanes.length,
      ok: g.ok,
      failed: g.failed,
    };
    firstRow += g.lanes.length;
    return group;
  });
}
