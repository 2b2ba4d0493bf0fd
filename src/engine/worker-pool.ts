/**
 * N worker processes, one image each at a time, tasks dispatched as workers become free.
 * A worker that crashes, is killed or runs past the time limit is replaced and its task retried
 * once, then recorded as failed: the run always finishes.
 */
import type { WorkerActivity } from '../shared/contract.js';
import { workerToParentSchema } from '../shared/worker-messages.js';
import type { TaskResult, WorkerStats, WorkerTask } from '../shared/worker-messages.js';
import type { WorkerHost, WorkerHostFactory } from './worker-host.js';

/** How one submitted task ended (after at most one retry on a crash or time-out). */
export type PoolTaskOutcome =
  | {
      ok: true;
      result: TaskResult;
      workerId: number;
      attempts: number;
      startMs: number;
      endMs: number;
    }
  | {
      ok: false;
      error: string;
      workerId: number | null;
      attempts: number;
      startMs: number | null;
      endMs: number;
    };

/** Options of a pool. `clock` gives ms since the run started (all times are on it). */
export interface WorkerPoolOptions {
  size: number;
  threads: number;
  hostFactory: WorkerHostFactory;
  taskTimeoutMs: number;
  clock: () => number;
  /** Extra environment for every worker. */
  env?: Record<string, string>;
  /** Messages a worker logs. */
  onLog?: (message: string) => void;
}

/** Thrown into pending submissions when the pool is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** How many workers in a row may die before doing any work before the pool gives up. */
const MAX_CONSECUTIVE_START_FAILURES = 5;
/** Tasks are tried at most this many times (the first try and one retry). */
const MAX_ATTEMPTS = 2;

interface Job {
  taskId: number;
  task: WorkerTask;
  attempts: number;
  lastError: string | null;
  startMs: number | null;
  onStart: ((workerId: number, startMs: number) => void) | undefined;
  resolve: (outcome: PoolTaskOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  id: number;
  host: WorkerHost;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Why we killed it, if we did (time-out), for the retry message. */
  killReason: string | null;
  stats: WorkerStats | null;
  didWork: boolean;
}

/** N worker processes; tasks dispatched as workers become free. */
export class WorkerPool {
  private readonly slots: (Slot | null)[];
  private readonly queue: Job[] = [];
  private nextTaskId = 1;
  private stopping: 'no' | 'closing' | 'cancelled' = 'no';
  private startFailures = 0;
  private fatal: string | null = null;
  /** Stats of workers that have exited, so CPU and memory of replaced workers still count. */
  private retiredCpuMs = 0;
  private retiredPeakRss: number[] = [];
  /** Largest peak RSS seen on each lane (a replaced worker and its successor never ran together). */
  private readonly lanePeakRss: number[];
  private readonly exits = new Set<Promise<void>>();

  constructor(private readonly options: WorkerPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => null);
    this.lanePeakRss = Array.from({ length: options.size }, () => 0);
    for (let id = 0; id < options.size; id++) this.spawn(id);
  }

  /** Queues a task; resolves when it is done or has failed for good. Rejects only if cancelled. */
  submit(
    task: Omit<WorkerTask, 'taskId'>,
    onStart?: (workerId: number, startMs: number) => void,
  ): Promise<PoolTaskOutcome> {
    if (this.stopping === 'cancelled') return Promise.reject(new CancelledError());
    const taskId = this.nextTaskId++;
    return new Promise<PoolTaskOutcome>((resolve, reject) => {
      const job: Job = {
        taskId,
        task: { ...task, taskId },
        attempts: 0,
        lastError: null,
        startMs: null,
        onStart,
        resolve,
        reject,
      };
      if (this.fatal) return this.failJob(job, null, this.fatal);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** What each worker is doing now. */
  activity(): WorkerActivity[] {
    return this.slots.map((slot, workerId) => ({
      workerId,
      source: slot?.job?.task.source ?? null,
      sinceMs: slot?.job?.startMs ?? null,
    }));
  }

  /** Resource figures so far: CPU of all workers ever started, largest and summed peak RSS. */
  stats(): { cpuMs: number; peakRssWorkerBytes: number; sumPeakRssBytes: number } {
    const live = this.slots.map((s) => s?.stats).filter((s): s is WorkerStats => !!s);
    const peaks = [...this.retiredPeakRss, ...live.map((s) => s.rssBytes)];
    return {
      cpuMs: this.retiredCpuMs + live.reduce((sum, s) => sum + s.cpuUserMs + s.cpuSystemMs, 0),
      peakRssWorkerBytes: Math.max(0, ...peaks),
      sumPeakRssBytes: this.lanePeakRss.reduce((sum, v) => sum + v, 0),
    };
  }

  /** Waits for all submitted work, then ends the workers. */
  async close(): Promise<void> {
    if (this.stopping !== 'no') return this.waitForExits();
    await new Promise<void>((resolve) => {
      const check = () =>
        this.queue.length === 0 && this.slots.every((s) => !s?.job)
          ? resolve()
          : setTimeout(check, 20);
      check();
    });
    this.stopping = 'closing';
    for (const slot of this.slots) {
      if (!slot) continue;
      if (!slot.host.send({ type: 'shutdown' })) slot.host.kill();
      // A worker that does not leave in time is ended.
      setTimeout(() => slot.host.kill(), 5000).unref();
    }
    await this.waitForExits();
  }

  /** Stops dispatch, kills in-flight work, rejects pending tasks with a CancelledError. */
  async cancel(): Promise<void> {
    if (this.stopping === 'cancelled') return this.waitForExits();
    this.stopping = 'cancelled';
    const pending = [
      ...this.queue.splice(0),
      ...this.slots.flatMap((s) => (s?.job ? [s.job] : [])),
    ];
    for (const slot of this.slots) {
      if (!slot) continue;
      if (slot.timer) clearTimeout(slot.timer);
      slot.job = null;
      slot.host.kill();
    }
    for (const job of pending) job.reject(new CancelledError());
    await this.waitForExits();
  }

  private async waitForExits(): Promise<void> {
    while (this.exits.size > 0) await Promise.all([...this.exits]);
  }

  private spawn(id: number): void {
    const host = this.options.hostFactory({
      workerId: id,
      threads: this.options.threads,
      env: { MALLOC_ARENA_MAX: '2', ...(this.options.env ?? {}) },
    });
    const slot: Slot = {
      id,
      host,
      ready: false,
      job: null,
      timer: null,
      killReason: null,
      stats: null,
      didWork: false,
    };
    this.slots[id] = slot;
    let exited!: () => void;
    const exitPromise = new Promise<void>((resolve) => (exited = resolve));
    this.exits.add(exitPromise);
    host.onMessage((raw) => this.onMessage(slot, raw));
    host.onExit((code, signal) => {
      this.onExit(slot, code, signal);
      this.exits.delete(exitPromise);
      exited();
    });
    host.send({ type: 'init', workerId: id, threads: this.options.threads });
  }

  private onMessage(slot: Slot, raw: unknown): void {
    const parsed = workerToParentSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.onLog?.(`worker ${slot.id} sent an invalid message`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    if (message.type === 'log') {
      this.options.onLog?.(`worker ${slot.id}: ${message.message}`);
      return;
    }
    slot.stats = message.stats;
    this.lanePeakRss[slot.id] = Math.max(this.lanePeakRss[slot.id] ?? 0, message.stats.rssBytes);
    const job = slot.job;
    if (!job || job.taskId !== message.taskId) return; // a late answer for a task already given up
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.didWork = true;
    this.startFailures = 0;
    const endMs = this.options.clock();
    if (message.type === 'done') {
      job.resolve({
        ok: true,
        result: message.result,
        workerId: slot.id,
        attempts: job.attempts,
        startMs: job.startMs ?? endMs,
        endMs,
      });
    } else {
      // The image itself is bad: retrying would only fail again.
      job.resolve({
        ok: false,
        error: message.error.message,
        workerId: slot.id,
        attempts: job.attempts,
        startMs: job.startMs,
        endMs,
      });
    }
    this.dispatch();
  }

  private onExit(slot: Slot, code: number | null, signal: string | null): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.stats) {
      this.retiredCpuMs += slot.stats.cpuUserMs + slot.stats.cpuSystemMs;
      this.retiredPeakRss.push(slot.stats.rssBytes);
      slot.stats = null;
    }
    if (this.slots[slot.id] === slot) this.slots[slot.id] = null;
    if (this.stopping !== 'no') return;

    const how =
      slot.killReason ??
      (signal
        ? `the worker process was killed (${signal})`
        : `the worker process exited unexpectedly (code ${code})`);
    if (!slot.didWork && !slot.job) this.startFailures++;
    const job = slot.job;
    slot.job = null;
    if (job) {
      job.lastError = how;
      if (job.attempts < MAX_ATTEMPTS) this.queue.unshift(job);
      else this.failJob(job, slot.id, `${how}; tried ${job.attempts} times`);
    }
    if (this.startFailures >= MAX_CONSECUTIVE_START_FAILURES) {
      this.fatal = `worker processes could not start (${how})`;
      for (const queued of this.queue.splice(0)) this.failJob(queued, null, this.fatal);
      return;
    }
    this.spawn(slot.id);
  }

  private failJob(job: Job, workerId: number | null, error: string): void {
    job.resolve({
      ok: false,
      error,
      workerId,
      attempts: job.attempts,
      startMs: job.startMs,
      endMs: this.options.clock(),
    });
  }

  private dispatch(): void {
    if (this.stopping === 'cancelled') return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot || !slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      job.attempts++;
      job.startMs = this.options.clock();
      slot.job = job;
      slot.killReason = null;
      if (!slot.host.send({ type: 'task', task: job.task })) {
        // The process is going away; its exit handler will requeue the job.
        continue;
      }
      job.onStart?.(slot.id, job.startMs);
      slot.timer = setTimeout(() => {
        slot.killReason = `took longer than ${Math.round(this.options.taskTimeoutMs / 1000)} s`;
        slot.host.kill();
      }, this.options.taskTimeoutMs);
    }
  }
}
