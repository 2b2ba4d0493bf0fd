/** Time and resource bookkeeping of one run in the engine's own process. */
import { performance } from 'node:perf_hooks';

/** A run's clock: ms since start, the engine's CPU time and sampled peak RSS. */
export interface RunClock {
  now(): number;
  engineCpuMs(): number;
  peakRssBytes(): number;
  stop(): void;
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
  return {
    now: () => performance.now() - t0,
    engineCpuMs: () => {
      const cpu = process.cpuUsage(cpu0);
      return (cpu.user + cpu.system) / 1000;
    },
    peakRssBytes: () => (peak = Math.max(peak, process.memoryUsage.rss())),
    stop: () => clearInterval(sampler),
  };
}
