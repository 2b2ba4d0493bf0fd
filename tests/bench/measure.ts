/**
 * Runs one command the same way for every contender and measures it from outside, so Pillow,
 * plain sharp and photobatch are held to one yardstick:
 *
 * - wall: from spawn to exit, on this process's monotonic clock;
 * - CPU: user + system of the command and every descendant it waited for, from the kernel
 *   (GNU time's wait4 rusage); without /usr/bin/time, the last /proc sample of each process;
 * - peak RSS: the sum over the process tree of each process's own peak (VmHWM, read from /proc
 *   every 25 ms), which is how photobatch reports itself (engine peak + each worker's peak);
 *   beside it, the largest concurrent tree RSS seen by the same sampler, and the largest single
 *   process (GNU time's maxrss).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
const SAMPLE_MS = 25;
const PAGE_TICKS = 100; // USER_HZ on Linux

/** What one run of a command cost. */
export interface Measured {
  /** When the command was spawned, on the wall clock (epoch ms), to set beside its own records. */
  spawnedAtMs: number;
  wallS: number;
  cpuS: number;
  /** Σ over the process tree of each process's peak RSS. */
  peakRssBytes: number;
  /** Largest sum of RSS over the tree at one sampling instant. */
  peakTreeRssBytes: number;
  /** Largest single process's peak RSS. */
  maxProcessRssBytes: number;
  /** The command's own process's peak RSS (for photobatch: the engine). */
  commandPeakRssBytes: number;
  /** The command's own process's RSS over time: [ms since spawn, bytes], one per sample. */
  commandRss: [number, number][];
  /** The command's own process's CPU (user + sys) at its last /proc sample: slightly low. */
  commandCpuS: number;
  /** Processes seen in the tree (the command and its descendants). */
  processes: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Says how CPU was measured, for the bench's header. */
export function cpuSource(): string {
  return existsSync(GNU_TIME)
    ? 'CPU: user+sys from wait4 via /usr/bin/time (command + waited-for descendants)'
    : 'CPU: /usr/bin/time missing (apt-get install time): summed from /proc samples, slightly low';
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const c of text.split(' ')) found.push(Number(c));
    }
  } catch {
    // The process ended while we looked.
  }
  return found;
}

function statusKiB(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the full line (11 and 12 after the name).
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Samples a process tree's memory (and CPU when GNU time is missing) until stopped. */
function treeSampler(rootPid: number, skipRoot: boolean, withCpu: boolean) {
  const hwm = new Map<number, number>();
  const ticks = new Map<number, number>();
  const commandPids = new Set<number>(skipRoot ? [] : [rootPid]);
  const commandRss: [number, number][] = [];
  const t0 = performance.now();
  let peakTree = 0;
  const sample = () => {
    const stack = [rootPid];
    let tree = 0;
    while (stack.length) {
      const pid = stack.pop()!;
      const children = childrenOf(pid);
      stack.push(...children);
      if (skipRoot && pid === rootPid) {
        for (const c of children) commandPids.add(c);
        continue;
      }
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue;
      }
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, statusKiB(status, 'VmHWM') * 1024));
      const rss = statusKiB(status, 'VmRSS') * 1024;
      tree += rss;
      // An exiting process has no VmRSS line any more.
      if (commandPids.has(pid) && rss > 0) commandRss.push([performance.now() - t0, rss]);
      if (withCpu || commandPids.has(pid))
        ticks.set(pid, Math.max(ticks.get(pid) ?? 0, cpuTicks(pid)));
    }
    peakTree = Math.max(peakTree, tree);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  sample();
  return {
    stop() {
      clearInterval(timer);
      let sum = 0;
      for (const v of hwm.values()) sum += v;
      // Without GNU time every process's ticks are summed; with it only the command's are kept.
      const cpu = withCpu ? [...ticks.values()].reduce((a, b) => a + b, 0) : 0;
      const commandTicks = [...commandPids].reduce((sum, p) => sum + (ticks.get(p) ?? 0), 0);
      const commandHwm = Math.max(0, ...[...commandPids].map((p) => hwm.get(p) ?? 0));
      return {
        sumHwm: sum,
        peakTree,
        processes: hwm.size,
        maxHwm: Math.max(0, ...hwm.values()),
        commandHwm,
        commandCpuS: commandTicks / PAGE_TICKS,
        commandRss,
        cpuS: cpu / PAGE_TICKS,
      };
    },
  };
}

/** Runs `command args` to its end and measures it. */
export async function measure(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; stdin?: string } = {},
): Promise<Measured> {
  const gnuTime = existsSync(GNU_TIME);
  const scratch = await mkdtemp(join(tmpdir(), 'photobatch-bench-time-'));
  const timeFile = join(scratch, 'time.txt');
  const [file, argv] = gnuTime
    ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]]
    : [command, args];
  const spawnedAtMs = Date.now();
  const t0 = performance.now();
  const child = spawn(file, argv, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  const sampler = treeSampler(child.pid!, gnuTime, !gnuTime);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallS = (performance.now() - t0) / 1000;
  const tree = sampler.stop();
  let cpuS = tree.cpuS;
  let maxProcess = tree.maxHwm;
  if (gnuTime) {
    const fields = (await readFile(timeFile, 'utf8').catch(() => ''))
      .trim()
      .split('\n')
      .pop()!
      .split(' ');
    if (fields.length === 4) {
      cpuS = Number(fields[1]) + Number(fields[2]);
      maxProcess = Number(fields[3]) * 1024;
    }
  }
  await rm(scratch, { recursive: true, force: true });
  return {
    spawnedAtMs,
    wallS,
    cpuS,
    // A process's final growth after the last sample is only known to wait4: never report less.
    peakRssBytes: Math.max(tree.sumHwm, maxProcess),
    peakTreeRssBytes: tree.peakTree,
    maxProcessRssBytes: maxProcess,
    commandPeakRssBytes: tree.commandHwm,
    commandCpuS: tree.commandCpuS,
    commandRss: tree.commandRss,
    processes: tree.processes,
    code,
    stdout,
    stderr,
  };
}
