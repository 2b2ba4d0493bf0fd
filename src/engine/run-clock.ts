/** Time and resource bookkeeping of one run in the engine's own process. */
import { performance } from 'node:perf_hooks';
import type { RunEnd } from '../db/store-types.js';
import type { WorkerFigures } from './task-dispatcher.js';

/** A run's end figures as its clock knows them (how and why it ended is the lifecycle's). */
export type ClockEnd = Omit<RunEnd, 'error' | 'machine'>;

const NO_WORKERS: WorkerFigures = { cpuMs: 0, peakRssWorkerBytes: 0, sumPeakRssBytes: 0 };

/** A run's clock: ms since start, the engine's CPU time and sampled peak RSS. */
export interface RunClock {
  now(): number;
  engineCpuMs(): number;
  peakRssBytes(): number;
  /** Stops the clock and gives the run's end figures: engine plus workers. */
  end(status: RunEnd['status'], workers?: WorkerFigures): ClockEnd;
}

/** Starts a clock; samples the engine's RSS a few times a second until stopped. */
export function startRunClock(): RunClock {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 200);
  sampler.unref();
  const now = () => performance.now() - t0;
  const engineCpuMs = () => {
    const cpu = process.cpuUsage(cpu0);
    return (cpu.user + cpu.system) / 1000;
  };
  const peakRssBytes = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  return {
    now,
    engineCpuMs,
    peakRssBytes,
    end: (status, workers = NO_WORKERS) => {
      clearInterval(sampler);
      const engineRss = peakRssBytes();
      return {
        status,
        wallMs: now(),
        cpuMs: engineCpuMs() + workers.cpuMs,
        peakRssEngineBytes: engineRss,
        peakRssWorkerBytes: workers.peakRssWorkerBytes,
        peakRssTotalBytes: engineRss + workers.sumPeakRssBytes,
      };
    },
  };
}
