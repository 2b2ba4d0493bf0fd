/**
 * Layout of the per-worker timeline (Chrome DevTools' Performance panel is the model): one lane
 * per worker or download slot, one bar per image, idle time left empty. Pure functions of the
 * shared `RunTimeline`, so the SVG component only draws what these return.
 *
 * At 20,000 bars an SVG would choke, so bars narrower than a pixel that touch each other on the
 * same lane are merged into one block; gaps of a pixel or more always stay visible.
 */
import type { RunTimeline, TimelineBar } from '../../../../shared/compare-runs.js';

/** The visible time window, in ms since the run's start. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** A lane as the chart labels it. */
export interface LaneInfo {
  lane: number;
  stage: TimelineBar['stage'];
  /** "Worker 1", "Download 3". */
  name: string;
  bars: number;
  busyMs: number;
  /** Wall time minus busy time: how long the lane sat idle. */
  idleMs: number;
  /** The longest idle stretch between two bars (or before the first / after the last). */
  longestGapMs: number;
}

/** One drawn rectangle: a single bar, or several sub-pixel bars merged. */
export interface LaidOutRect {
  lane: number;
  x: number;
  width: number;
  stage: TimelineBar['stage'];
  /** True if any merged bar failed. */
  failed: boolean;
  /** Index into the timeline's `bars` of the first bar in this rect. */
  firstBar: number;
  count: number;
  /**
   * A single download bar: the width (px) of its waiting part, before the first byte (WebPageTest's
   * "time to first byte"); the rest is the body. Absent for merged or processing rects.
   */
  waitWidth?: number;
}

/** Bars of each lane sorted by start, as indices into `timeline.bars`, for drawing and hit-testing. */
export interface LaneIndex {
  lanes: LaneInfo[];
  /** byLane[lane] = bar indices sorted by startMs. */
  byLane: number[][];
}

/** Sorted union length of intervals, and its longest gap within [0, wall]. */
function busyAndGaps(
  intervals: readonly [number, number][],
  wallMs: number,
): { busyMs: number; longestGapMs: number } {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let longestGap = 0;
  let curStart = -1;
  let curEnd = 0;
  let lastEnd = 0;
  for (const [s, e] of sorted) {
    if (curStart < 0 || s > curEnd) {
      if (curStart >= 0) busy += curEnd - curStart;
      longestGap = Math.max(longestGap, s - (curStart < 0 ? 0 : curEnd));
      curStart = s;
      curEnd = e;
    } else curEnd = Math.max(curEnd, e);
    lastEnd = Math.max(lastEnd, e);
  }
  if (curStart >= 0) busy += curEnd - curStart;
  longestGap = Math.max(longestGap, wallMs - lastEnd);
  return { busyMs: busy, longestGapMs: Math.max(0, longestGap) };
}

/** Indexes a timeline's lanes: names, stats, and bars sorted per lane. */
export function indexLanes(timeline: RunTimeline): LaneIndex {
  const byLane: number[][] = Array.from({ length: timeline.lanes }, () => []);
  timeline.bars.forEach((bar, i) => {
    (byLane[bar.lane] ??= []).push(i);
  });
  const bars = timeline.bars;
  for (const list of byLane) list.sort((a, b) => bars[a]!.startMs - bars[b]!.startMs);
  let downloadNo = 0;
  const lanes: LaneInfo[] = byLane.map((list, lane) => {
    const stage: TimelineBar['stage'] =
      list.length > 0 && bars[list[0]!]!.stage === 'download' ? 'download' : 'process';
    const group = timeline.groups?.find((g) => lane >= g.firstRow && lane < g.firstRow + g.rows);
    // A queue run's lanes are named by machine: "studio-A · 2" is studio-A's second worker.
    const name =
      stage === 'download'
        ? `Download ${++downloadNo}`
        : group
          ? `${group.label.replace(/ \(.*\)$/, '')} · ${lane - group.firstRow + 1}`
          : `Worker ${lane + 1}`;
    const { busyMs, longestGapMs } = busyAndGaps(
      list.map((i) => [bars[i]!.startMs, bars[i]!.endMs] as [number, number]),
      timeline.wallMs,
    );
    return {
      lane,
      stage,
      name,
      bars: list.length,
      busyMs,
      idleMs: Math.max(0, timeline.wallMs - busyMs),
      longestGapMs,
    };
  });
  return { lanes, byLane };
}

/** Lays out the bars visible in `window` across `widthPx`, merging touching sub-pixel bars. */
export function layoutBars(
  timeline: RunTimeline,
  index: LaneIndex,
  window: TimeWindow,
  widthPx: number,
): LaidOutRect[] {
  const span = Math.max(1e-9, window.endMs - window.startMs);
  const scale = widthPx / span;
  const rects: LaidOutRect[] = [];
  for (const list of index.byLane) {
    let open: LaidOutRect | null = null;
    for (const i of list) {
      const bar = timeline.bars[i]!;
      if (bar.endMs < window.startMs || bar.startMs > window.endMs) continue;
      const x0 = (Math.max(bar.startMs, window.startMs) - window.startMs) * scale;
      const x1 = (Math.min(bar.endMs, window.endMs) - window.startMs) * scale;
      const failed = bar.status === 'failed';
      const narrow = x1 - x0 < 1;
      if (open && narrow && x0 - (open.x + open.width) < 1 && open.stage === bar.stage) {
        open.width = Math.max(open.width, x1 - open.x);
        open.count += 1;
        open.failed ||= failed;
        delete open.waitWidth;
        continue;
      }
      open = {
        lane: bar.lane,
        x: x0,
        width: Math.max(x1 - x0, 0.5),
        stage: bar.stage,
        failed,
        firstBar: i,
        count: 1,
      };
      const fb = bar.firstByteMs;
      if (bar.stage === 'download' && fb != null && fb >= bar.startMs && fb <= bar.endMs) {
        const wait =
          (Math.min(Math.max(fb, window.startMs), window.endMs) -
            Math.max(bar.startMs, window.startMs)) *
          scale;
        open.waitWidth = Math.max(0, Math.min(open.width, wait));
      }
      rects.push(open);
      if (!narrow) open = null;
    }
  }
  return rects;
}

/** The bar on `lane` under time `t`, or the nearest one within `toleranceMs`; null if none. */
export function barAt(
  timeline: RunTimeline,
  index: LaneIndex,
  lane: number,
  t: number,
  toleranceMs = 0,
): number | null {
  const list = index.byLane[lane];
  if (!list || list.length === 0) return null;
  const bars = timeline.bars;
  // Last bar starting at or before t.
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[list[mid]!]!.startMs <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let best: number | null = null;
  let bestDist = Infinity;
  for (const k of [found, found + 1]) {
    if (k < 0 || k >= list.length) continue;
    const b = bars[list[k]!]!;
    const dist = t < b.startMs ? b.startMs - t : t > b.endMs ? t - b.endMs : 0;
    if (dist < bestDist) {
      bestDist = dist;
      best = list[k]!;
    }
  }
  return best !== null && bestDist <= toleranceMs ? best : null;
}

/** Zooms by `factor` (>1 zooms in) around `anchorMs`, kept inside [0, wall] and no narrower than `minSpanMs`. */
export function zoomWindow(
  w: TimeWindow,
  factor: number,
  anchorMs: number,
  wallMs: number,
  minSpanMs = 1,
): TimeWindow {
  const span = w.endMs - w.startMs;
  const newSpan = Math.min(wallMs, Math.max(minSpanMs, span / factor));
  const ratio = span > 0 ? (anchorMs - w.startMs) / span : 0.5;
  return clampWindow(
    { startMs: anchorMs - ratio * newSpan, endMs: anchorMs - ratio * newSpan + newSpan },
    wallMs,
  );
}

/** Moves the window by `deltaMs`, kept inside [0, wall]. */
export function panWindow(w: TimeWindow, deltaMs: number, wallMs: number): TimeWindow {
  return clampWindow({ startMs: w.startMs + deltaMs, endMs: w.endMs + deltaMs }, wallMs);
}

function clampWindow(w: TimeWindow, wallMs: number): TimeWindow {
  const span = Math.min(wallMs, w.endMs - w.startMs);
  let start = Math.max(0, w.startMs);
  if (start + span > wallMs) start = wallMs - span;
  return { startMs: Math.max(0, start), endMs: Math.max(0, start) + span };
}

/** Round tick positions (1, 2 or 5 × 10ⁿ ms apart) for an axis over `window`, about `target` of them. */
export function niceTicks(window: TimeWindow, target: number): number[] {
  const span = window.endMs - window.startMs;
  if (!(span > 0) || target < 1) return [];
  const raw = span / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let t = Math.ceil(window.startMs / step) * step; t <= window.endMs + 1e-9; t += step)
    ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

/** How long downloading and processing ran at the same time, from the union of each stage's bars. */
export function stageOverlap(
  timeline: RunTimeline,
): { downloadMs: number; processMs: number; overlapMs: number } | null {
  const union = (stage: TimelineBar['stage']): [number, number][] => {
    const sorted = timeline.bars
      .filter((b) => b.stage === stage)
      .map((b) => [b.startMs, b.endMs] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    const out: [number, number][] = [];
    for (const [s, e] of sorted) {
      const last = out[out.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
    }
    return out;
  };
  const d = union('download');
  const p = union('process');
  if (d.length === 0 || p.length === 0) return null;
  const length = (xs: [number, number][]): number => xs.reduce((sum, [s, e]) => sum + (e - s), 0);
  let overlap = 0;
  let i = 0;
  let j = 0;
  while (i < d.length && j < p.length) {
    const s = Math.max(d[i]![0], p[j]![0]);
    const e = Math.min(d[i]![1], p[j]![1]);
    if (e > s) overlap += e - s;
    if (d[i]![1] < p[j]![1]) i += 1;
    else j += 1;
  }
  return { downloadMs: length(d), processMs: length(p), overlapMs: overlap };
}
