/**
 * Where a photobatch run's time went, from its own item records (`show --json`): the worker's
 * per-stage timings, the engine-side span of each task (dispatch → result received), the gaps a
 * worker waited between tasks, and the start-up and tail of the run.
 */
import type { ItemRecord, RunRecord } from '../../src/shared/records.js';
import { fixed } from './report.js';

/** Per-image means (ms) and run-level shares. */
export interface StageFigures {
  readMs: number;
  opsMs: number;
  encodeMs: number;
  /** Engine-side span minus the worker's stages: IPC, validation and the worker's own loop. */
  ipcMs: number;
  /** A worker's idle time between its result and its next task, seen from the engine. */
  gapMs: number;
  /** First dispatch after the run started: worker start-up and the first scan. */
  firstStartMs: number;
  /** Last result to the run's end: pool shutdown and the final store writes. */
  tailMs: number;
  /** Σ worker stages / (wall × workers). */
  busyShare: number;
  /** First dispatch → last result: the run without its start-up and tail. */
  spanMs: number;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Figures for one run. */
export function stageFigures(run: RunRecord, items: ItemRecord[]): StageFigures {
  const done = items.filter((i) => i.status === 'ok' && i.startMs !== null && i.endMs !== null);
  const stages = (i: ItemRecord) => (i.readMs ?? 0) + (i.opsMs ?? 0) + (i.encodeMs ?? 0);
  const gaps: number[] = [];
  const byWorker = new Map<number, ItemRecord[]>();
  for (const item of done) {
    const lane = byWorker.get(item.workerId ?? -1) ?? [];
    lane.push(item);
    byWorker.set(item.workerId ?? -1, lane);
  }
  for (const lane of byWorker.values()) {
    lane.sort((a, b) => a.startMs! - b.startMs!);
    for (let k = 1; k < lane.length; k++) gaps.push(lane[k]!.startMs! - lane[k - 1]!.endMs!);
  }
  const wall = run.wallMs ?? NaN;
  return {
    readMs: mean(done.map((i) => i.readMs ?? 0)),
    opsMs: mean(done.map((i) => i.opsMs ?? 0)),
    encodeMs: mean(done.map((i) => i.encodeMs ?? 0)),
    ipcMs: mean(done.map((i) => i.endMs! - i.startMs! - stages(i))),
    gapMs: mean(gaps),
    firstStartMs: Math.min(...done.map((i) => i.startMs!)),
    tailMs: wall - Math.max(...done.map((i) => i.endMs!)),
    busyShare: done.reduce((sum, i) => sum + stages(i), 0) / (wall * run.workers),
    spanMs: Math.max(...done.map((i) => i.endMs!)) - Math.min(...done.map((i) => i.startMs!)),
  };
}

/** Header and row cells for a stage table. */
export const STAGE_HEADER = [
  'run',
  'read ms',
  'ops ms',
  'encode ms',
  'ipc ms',
  'gap ms',
  'first ms',
  'tail ms',
  'busy %',
];

/** One row of a stage table. */
export function stageRow(name: string, f: StageFigures): string[] {
  const d = (v: number) => fixed(v, v < 10 ? 2 : 0);
  return [
    name,
    d(f.readMs),
    d(f.opsMs),
    d(f.encodeMs),
    d(f.ipcMs),
    d(f.gapMs),
    fixed(f.firstStartMs, 0),
    fixed(f.tailMs, 0),
    fixed(f.busyShare * 100, 0),
  ];
}

/** What the stage table's columns mean. */
export const STAGE_NOTES = [
  "per image, means of the worker's own stage timers (src/worker/run-pipeline.ts of that build: before the engine",
  'rewrite read = file read + decode, ops = blur + fit, encode = encode + write + rename; after it read = waiting for the',
  'bytes + header, ops = the pixel work with the encode, encode = write + rename); ipc = item start→end minus those',
  '(before the rewrite start/end are the engine dispatch/result; after it the worker reports them);',
  'gap = worker idle between its result and its next task; first = run start→first image started;',
  'tail = last result→run end; busy = Σ worker stages / (wall × workers).',
];
