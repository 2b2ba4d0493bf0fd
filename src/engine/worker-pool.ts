/**
 * The local `TaskDispatcher`: N worker processes, each doing one image at a time with up to
 * WORKER_QUEUE_DEPTH tasks queued in it, so a worker never waits for the parent between images.
 * A worker that crashes, is killed or runs past the time limit is replaced; the image it was on
 * is retried once (then recorded as failed) and the tasks queued behind it are handed back and
 * done elsewhere, untried: the run always finishes.
 *
 * Times come from the workers (each measures around its own work, on its own monotonic clock)
 * and are mapped to the run's clock with an offset learnt per worker from its `ready` (and
 * tightened by each answer, as the smallest receive-minus-send time seen).
 */
import { performance } from 'node:perf_hooks';
import type { WorkerActivity } from '../shared/contract.js';
import { WORKER_QUEUE_DEPTH, workerToParentSchema } from '../shared/worker-messages.js';
import type { WorkerStats, WorkerTask, WorkerToParent } from '../shared/worker-messages.js';
import type { SniffResult } from '../media/sniff-image.js';
import { CancelledError } from './task-dispatcher.js';
import type {
  ImageLibraryVersions,
  ImageTask,
  TaskDispatcher,
  TaskOutcome,
  WorkerFigures,
} from './task-dispatcher.js';
import type { WorkerHost, WorkerHostFactory } from './worker-host.js';

export { CancelledError } from './task-dispatcher.js';

/** Options of a pool. `clock` gives ms since the run started (all times are on it). */
export interface WorkerPoolOptions {
  size: number;
  threads: number;
  hostFactory: WorkerHostFactory;
  taskTimeoutMs: number;
  clock: () => number;
  /** Tasks kept queued in each worker; WORKER_QUEUE_DEPTH unless a test or bench says. */
  queueDepth?: number;
  /** Extra environment for every worker. */
  env?: Record<string, string>;
  /** Messages a worker logs. */
  onLog?: (message: string) => void;
}

/** How many workers in a row may die before doing any work before the pool gives up. */
const MAX_CONSECUTIVE_START_FAILURES = 5;
/** Tasks are tried at most this many times (the first try and one retry). */
const MAX_ATTEMPTS = 2;

interface Job {
  task: WorkerTask;
  /** Times it reached the head of a worker's queue (its turn to run there). */
  attempts: number;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  id: number;
  host: WorkerHost;
  ready: boolean;
  /** This process's monotonic clock minus the worker's: from `ready`, refined by every answer. */
  offset: number;
  /** Tasks sent to it, in the order it runs them; the first is running. */
  jobs: Job[];
  /** When the first job's turn began, on the run's clock. */
  headSince: number | null;
  timer: NodeJS.Timeout | null;
  /** Why we killed it, if we did (time-out), for the retry message. */
  killReason: string | null;
  stats: WorkerStats | null;
  didWork: boolean;
}

type Answer = Extract<WorkerToParent, { type: 'done' | 'failed' | 'mismatch' }>;

/** N worker processes behind the `TaskDispatcher` seam. */
export class WorkerPool implements TaskDispatcher {
  private readonly slots: (Slot | null)[];
  private readonly queue: Job[] = [];
  private readonly depth: number;
  private nextTaskId = 1;
  private stopping: 'no' | 'closing' | 'cancelled' = 'no';
  private startFailures = 0;
  private fatal: string | null = null;
  private reported: ImageLibraryVersions | null = null;
  /** Stats of workers that have exited, so CPU and memory of replaced workers still count. */
  private retiredCpuMs = 0;
  private retiredPeakRss: number[] = [];
  /** Largest peak RSS seen on each lane (a replaced worker and its successor never ran together). */
  private readonly lanePeakRss: number[];
  private readonly exits = new Set<Promise<void>>();
  private idle: (() => void)[] = [];

  /** Forks the workers at once, so they start while the run scans its inputs. */
  constructor(private readonly options: WorkerPoolOptions) {
    this.depth = Math.max(1, options.queueDepth ?? WORKER_QUEUE_DEPTH);
    this.slots = Array.from({ length: options.size }, () => null);
    this.lanePeakRss = Array.from({ length: options.size }, () => 0);
    for (let id = 0; id < options.size; id++) this.spawn(id);
  }

  submit(task: ImageTask): Promise<TaskOutcome> {
    if (this.stopping === 'cancelled') return Promise.reject(new CancelledError());
    const taskId = this.nextTaskId++;
    return new Promise<TaskOutcome>((resolve, reject) => {
      const job: Job = { task: { ...task, taskId }, attempts: 0, resolve, reject };
      if (this.fatal) return this.failJob(job, null, this.fatal);
      this.queue.push(job);
      this.dispatch();
    });
  }

  activity(): WorkerActivity[] {
    return this.slots.map((slot, workerId) => ({
      workerId,
      source: slot?.jobs[0]?.task.source ?? null,
      sinceMs: slot?.jobs[0] ? slot.headSince : null,
    }));
  }

  stats(): WorkerFigures {
    const live = this.slots.map((s) => s?.stats).filter((s): s is WorkerStats => !!s);
    const peaks = [...this.retiredPeakRss, ...live.map((s) => s.rssBytes)];
    return {
      cpuMs: this.retiredCpuMs + live.reduce((sum, s) => sum + s.cpuUserMs + s.cpuSystemMs, 0),
      peakRssWorkerBytes: Math.max(0, ...peaks),
      sumPeakRssBytes: this.lanePeakRss.reduce((sum, v) => sum + v, 0),
    };
  }

  versions(): ImageLibraryVersions | null {
    return this.reported;
  }

  async close(): Promise<void> {
    if (this.stopping !== 'no') return this.waitForExits();
    while (!this.isIdle()) await new Promise<void>((resolve) => this.idle.push(resolve));
    this.stopping = 'closing';
    for (const slot of this.slots) {
      if (!slot) continue;
      if (!slot.host.send({ type: 'shutdown' })) slot.host.kill();
      // A worker that does not leave in time is ended.
      setTimeout(() => slot.host.kill(), 5000).unref();
    }
    await this.waitForExits();
  }

  async cancel(): Promise<void> {
    if (this.stopping === 'cancelled') return this.waitForExits();
    this.stopping = 'cancelled';
    const pending = [...this.queue.splice(0), ...this.slots.flatMap((s) => s?.jobs ?? [])];
    for (const slot of this.slots) {
      if (!slot) continue;
      if (slot.timer) clearTimeout(slot.timer);
      slot.jobs = [];
      slot.host.kill();
    }
    for (const job of pending) job.reject(new CancelledError());
    this.wakeIdle();
    await this.waitForExits();
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.slots.every((s) => !s || s.jobs.length === 0);
  }

  private wakeIdle(): void {
    const waiters = this.idle;
    this.idle = [];
    for (const wake of waiters) wake();
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
      offset: 0,
      jobs: [],
      headSince: null,
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
  }

  private onMessage(slot: Slot, raw: unknown): void {
    const parsed = workerToParentSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.onLog?.(`worker ${slot.id} sent an invalid message`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        // Sent by the worker once it listens; `init` goes first, so it is there before any task.
        slot.host.send({ type: 'init', workerId: slot.id, threads: this.options.threads });
        slot.ready = true;
        slot.offset = performance.now() - message.now;
        this.reported ??= message.versions;
        this.dispatch();
        return;
      case 'log':
        this.options.onLog?.(`worker ${slot.id}: ${message.message}`);
        return;
      case 'picture:done':
      case 'picture:failed':
        return; // the window's pictures have their own workers (picture-workers.ts)
      default:
        this.onAnswer(slot, message);
    }
  }

  private onAnswer(slot: Slot, message: Answer): void {
    slot.stats = message.stats;
    this.lanePeakRss[slot.id] = Math.max(this.lanePeakRss[slot.id] ?? 0, message.stats.rssBytes);
    const job = slot.jobs[0];
    if (!job || job.task.taskId !== message.taskId) return; // an answer for a task given up
    slot.jobs.shift();
    slot.didWork = true;
    this.startFailures = 0;
    const now = this.options.clock();
    const mono = performance.now();
    // A message cannot arrive before it was sent, so `mono - endedAt` bounds the offset from
    // above, like `ready` did: keeping the smallest bound trims the transit time out of it,
    // and mapped times keep the worker's own durations and are never in the future.
    slot.offset = Math.min(slot.offset, mono - message.endedAt);
    // Offsets are kept on this process's monotonic clock, so a pool forked before its run
    // existed (see early-pool.ts) maps onto the run's clock as soon as there is one.
    const runOrigin = mono - now;
    const endMs = Math.max(0, message.endedAt + slot.offset - runOrigin);
    const startMs = Math.max(0, message.startedAt + slot.offset - runOrigin);
    const placement = { workerId: slot.id, attempts: job.attempts, startMs, endMs };
    this.startNextOnSlot(slot, now);
    switch (message.type) {
      case 'done':
        job.resolve({ kind: 'done', result: message.result, ...placement });
        break;
      case 'failed':
        // The image itself is bad: retrying would only fail again.
        job.resolve({ kind: 'failed', error: message.error.message, ...placement });
        break;
      case 'mismatch':
        job.resolve({ kind: 'mismatch', sniffed: message.sniffed as SniffResult, ...placement });
        break;
    }
    this.dispatch();
    if (this.isIdle()) this.wakeIdle();
  }

  /** The slot's next queued job becomes the running one: its attempt counts, its clock starts. */
  private startNextOnSlot(slot: Slot, now: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.headSince = null;
    const head = slot.jobs[0];
    if (!head) return;
    head.attempts++;
    slot.headSince = now;
    slot.killReason = null;
    slot.timer = setTimeout(() => {
      slot.killReason = `took longer than ${Math.round(this.options.taskTimeoutMs / 1000)} s`;
      slot.host.kill();
    }, this.options.taskTimeoutMs);
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
    const [running, ...waiting] = slot.jobs;
    slot.jobs = [];
    if (!slot.didWork && !running) this.startFailures++;
    // Tasks queued behind the one it died on never ran: they go back, untried, in order.
    const handBack = [...waiting];
    if (running) {
      if (running.attempts < MAX_ATTEMPTS) handBack.unshift(running);
      else this.failJob(running, slot.id, `${how}; tried ${running.attempts} times`);
    }
    this.queue.unshift(...handBack);
    if (this.startFailures >= MAX_CONSECUTIVE_START_FAILURES) {
      this.fatal = `worker processes could not start (${how})`;
      for (const queued of this.queue.splice(0)) this.failJob(queued, null, this.fatal);
      this.wakeIdle();
      return;
    }
    this.spawn(slot.id);
  }

  private failJob(job: Job, workerId: number | null, error: string): void {
    job.resolve({
      kind: 'failed',
      error,
      workerId,
      attempts: job.attempts,
      startMs: null,
      endMs: this.options.clock(),
    });
  }

  private dispatch(): void {
    if (this.stopping === 'cancelled') return;
    const now = this.options.clock();
    // Level by level, so every worker gets one task before any gets a second.
    for (let level = 1; level <= this.depth; level++) {
      for (const slot of this.slots) {
        if (this.queue.length === 0) return;
        if (!slot || !slot.ready || slot.jobs.length >= level) continue;
        const job = this.queue.shift()!;
        if (!slot.host.send({ type: 'task', task: job.task })) {
          // The process is going away; its exit handler hands the job back.
          slot.jobs.push(job);
          continue;
        }
        slot.jobs.push(job);
        if (slot.jobs.length === 1) this.startNextOnSlot(slot, now);
      }
    }
  }
}
