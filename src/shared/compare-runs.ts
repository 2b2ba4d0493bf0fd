/**
 * Compare maths shared by the CLI's `compare` and the window's Compare view: the same figures
 * everywhere. Runs of different sizes compare per item (time per image), not by wall time.
 */
import type { ItemRecord, RunRecord } from './records.js';

/** Figures of one run in a comparison. */
export interface RunMetrics {
  runId: number;
  label: string | null;
  kind: RunRecord['kind'];
  status: RunRecord['status'];
  startedAt: string;
  workers: number;
  threads: number;
  pipeline: string | null;
  /** Items that finished ok. */
  items: number;
  total: number;
  failed: number;
  wallMs: number | null;
  cpuMs: number | null;
  itemsPerSecond: number | null;
  /** Input megapixels per second of wall time (process runs). */
  megapixelsPerSecond: number | null;
  /** Wall time divided by ok items. */
  msPerItem: number | null;
  /** Baseline's ms per item divided by this run's: >1 is faster. */
  speedup: number | null;
  /** Speedup divided by the ratio of workers (or concurrency) to the baseline's. */
  efficiency: number | null;
  /** Per-item time (start to end in its worker, or download) percentiles. */
  p50Ms: number | null;
  p95Ms: number | null;
  peakRssBytes: number | null;
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
}

/** What `runs:compare` answers and `photobatch compare` prints. */
export interface RunComparison {
  baselineId: number;
  runs: RunMetrics[];
  /** Per-item durations (ms) of each run, for distribution charts. */
  durations: { runId: number; ms: number[] }[];
  timelines: RunTimeline[];
}

/** The p-th percentile (0–100) of values by nearest rank; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? null;
}

/** Duration of an item's main stage: processing if it was processed, else its download. */
export function itemDurationMs(item: ItemRecord): number | null {
  if (item.startMs !== null && item.endMs !== null) return item.endMs - item.startMs;
  const d = item.download;
  if (d && d.startMs !== null && d.endMs !== null) return d.endMs - d.startMs;
  return null;
}

function parallelism(run: RunRecord): number {
  if (run.kind === 'download' && run.settings.download) return run.settings.download.concurrency;
  return run.workers;
}

/** Figures of one run, without the baseline-relative ones. */
export function runMetrics(run: RunRecord, items: readonly ItemRecord[]): RunMetrics {
  const okItems = items.filter((i) => i.status === 'ok');
  const durations = okItems.map(itemDurationMs).filter((v): v is number => v !== null);
  const seconds = run.wallMs !== null && run.wallMs > 0 ? run.wallMs / 1000 : null;
  const megapixels = okItems.reduce(
    (sum, i) => sum + ((i.widthIn ?? 0) * (i.heightIn ?? 0)) / 1e6,
    0,
  );
  return {
    runId: run.id,
    label: run.label,
    kind: run.kind,
    status: run.status,
    startedAt: run.startedAt,
    workers: run.workers,
    threads: run.threads,
    pipeline: run.pipeline,
    items: okItems.length,
    total: run.total,
    failed: run.failed,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    itemsPerSecond: seconds ? okItems.length / seconds : null,
    megapixelsPerSecond: seconds && run.kind === 'process' ? megapixels / seconds : null,
    msPerItem: run.wallMs !== null && okItems.length > 0 ? run.wallMs / okItems.length : null,
    speedup: null,
    efficiency: null,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    peakRssBytes: run.peakRssTotalBytes,
  };
}

/** Timeline bars of a run: one lane per worker (process) or per concurrent download slot. */
export function runTimeline(run: RunRecord, items: readonly ItemRecord[]): RunTimeline {
  const bars: TimelineBar[] = [];
  let lanes = 0;
  for (const item of items) {
    if (item.startMs !== null && item.endMs !== null && item.workerId !== null) {
      bars.push({ lane: item.workerId, startMs: item.startMs, endMs: item.endMs, stage: 'process', status: item.status, source: item.source });
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
  lanes += laneEnds.length;
  return { runId: run.id, wallMs: run.wallMs ?? Math.max(0, ...bars.map((b) => b.endMs)), lanes, bars };
}

/** Compares runs against a baseline (default: the first). */
export function compareRuns(
  runs: readonly { run: RunRecord; items: readonly ItemRecord[] }[],
  baselineId?: number,
): RunComparison {
  if (runs.length === 0) throw new Error('Expected at least one run to compare but received none');
  const baseline = runs.find((r) => r.run.id === baselineId) ?? runs[0]!;
  const base = runMetrics(baseline.run, baseline.items);
  const metrics = runs.map(({ run, items }) => {
    const m = runMetrics(run, items);
    if (base.msPerItem !== null && m.msPerItem !== null && m.msPerItem > 0) {
      m.speedup = base.msPerItem / m.msPerItem;
      m.efficiency = m.speedup / (parallelism(run) / parallelism(baseline.run));
    }
    return m;
  });
  return {
    baselineId: baseline.run.id,
    runs: metrics,
    durations: runs.map(({ run, items }) => ({
      runId: run.id,
      ms: items.filter((i) => i.status === 'ok').map(itemDurationMs).filter((v): v is number => v !== null),
    })),
    timelines: runs.map(({ run, items }) => runTimeline(run, items)),
  };
}
