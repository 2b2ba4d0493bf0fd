/**
 * The queue `TaskDispatcher`: a run's image tasks go to the one BullMQ task queue, any
 * `photobatch worker` takes them, and outcomes come back on the run's own results queue (durable:
 * a result waits in Redis until the coordinator has taken it, unlike the capped event stream).
 *
 * Only a bounded window of jobs is in Redis at once, sized from the lanes of the workers now
 * connected, so Redis stays at a few MB however many photos a run has. Item times are on the
 * coordinator's clock: end = result received, start = end − the elapsed time the worker measured.
 * A periodic check finds jobs lost twice (failed by BullMQ's stall check), notices a Redis that
 * came back empty (every unsettled job is added again, idempotently by job id) and gives up on a
 * Redis gone for longer than the outage limit.
 */
import { mkdir } from 'node:fs/promises';
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { WorkerActivity } from '../../shared/contract.js';
import type { SniffResult } from '../../media/sniff-image.js';
import type { MachineShare } from '../../shared/records.js';
import { removeStrayTemps } from '../temp-names.js';
import { CancelledError } from '../task-dispatcher.js';
import type {
  DispatchedRun,
  ImageLibraryVersions,
  ImageTask,
  TaskDispatcher,
  TaskOutcome,
  WorkerFigures,
} from '../task-dispatcher.js';
import { checkTaskPaths } from './path-map.js';
import {
  holdersKey,
  QUEUE_PREFIX,
  resultsQueueName,
  RUN_ENDED_CHANNEL,
  runEndedKey,
  runMarkerKey,
  TASK_QUEUE,
  taskJobId,
} from './queue-names.js';
import { resultMessageSchema } from './queue-messages.js';
import type { ResultMessage, TaskJob } from './queue-messages.js';
import type { QueueTimings } from './queue-timings.js';
import { redisOptions } from './queue-url.js';
import type { QueueUrl } from './queue-url.js';
import { MachineTally } from './machine-tally.js';
import { removeProbe, writeProbe } from './storage-probe.js';
import type { StorageProbe } from './storage-probe.js';
import { connectedWorkers } from './worker-registry.js';

/** How a queue dispatcher is set up. */
export interface QueueDispatcherOptions {
  url: QueueUrl;
  timings: QueueTimings;
  /** Ms since the run started. */
  clock: () => number;
  onNotice: (message: string) => void;
}

/** Jobs kept in Redis per connected lane: one running and one waiting, like the local pool. */
const JOBS_PER_LANE = 2;
/** The window never shrinks below this (before any worker has said how many lanes it has). */
const MIN_WINDOW = 4;
/** Tasks may be tried this many times (a lost lock or a worker's fault). */
const ATTEMPTS = 2;

interface Pending {
  item: number;
  data: TaskJob | null;
  /** Its add has been answered (before that, its job is not in Redis yet). */
  added: boolean;
  /** Checks in a row that found neither its job nor a result waiting. */
  missing: number;
  /** Times queued again after Redis lost it. */
  requeued: number;
  task: ImageTask;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
}

/** Image tasks through BullMQ on Redis. */
export class QueueDispatcher implements TaskDispatcher {
  private readonly connection: Redis;
  private readonly tasks: Queue;
  private results: Worker | null = null;
  /** The results Worker's connection (ours to close: BullMQ leaves a given one open). */
  private resultsConnection: Redis | null = null;
  /** The results queue seen from outside its Worker: counted by the check, cleared at the end. */
  private resultsView: Queue | null = null;
  private run: DispatchedRun | null = null;
  private probe: StorageProbe | null = null;
  private bound: Promise<void> | null = null;
  /** This coordinator holds the run's number in Redis (see `runMarkerKey`). */
  private claimed = false;
  private nextItem = 1;
  /** Submitted, not yet in Redis (the window is full). */
  private readonly waiting: Pending[] = [];
  /** In Redis (waiting, active, or its result not yet taken). */
  private readonly queued = new Map<number, Pending>();
  private readonly tally = new MachineTally();
  private window = MIN_WINDOW;
  private stopping: 'no' | 'closing' | 'cancelled' = 'no';
  /** The clean-up under way, once close or cancel has begun it: every later caller waits for it. */
  private releasing: Promise<void> | null = null;
  private fatal: string | null = null;
  private downSince: number | null = null;
  private lastWorkerSeen: number;
  private warnedNoWorker = false;
  private ticking = false;
  private readonly timer: NodeJS.Timeout;
  private idle: (() => void)[] = [];
  private readonly noticed = new Set<string>();

  constructor(private readonly options: QueueDispatcherOptions) {
    this.connection = new Redis(redisOptions(options.url));
    this.connection.on('error', () => undefined);
    this.connection.on('close', () => (this.downSince ??= options.clock()));
    this.connection.on('ready', () => {
      this.downSince = null;
    });
    this.tasks = new Queue(TASK_QUEUE, { connection: this.connection, prefix: QUEUE_PREFIX });
    this.tasks.on('error', () => undefined);
    this.lastWorkerSeen = options.clock();
    this.timer = setInterval(() => void this.tick(), options.timings.reconcileMs);
  }

  bindRun(run: DispatchedRun): void {
    this.run = run;
    this.bound = this.startRun(run);
    // A failure is reported through submit (and so ends the run in words).
    this.bound.catch(() => undefined);
  }

  /** The run's machines, as far as their results have come back. */
  machines(): MachineShare[] {
    return this.tally.figures();
  }

  submit(task: ImageTask): Promise<TaskOutcome> {
    if (this.stopping === 'cancelled') return Promise.reject(new CancelledError());
    const item = this.nextItem++;
    return new Promise<TaskOutcome>((resolve, reject) => {
      const pending: Pending = {
        item,
        data: null,
        added: false,
        missing: 0,
        requeued: 0,
        task,
        resolve,
        reject,
      };
      if (this.fatal) return this.fail(pending, this.fatal, null);
      this.waiting.push(pending);
      void this.pump();
    });
  }

  activity(): WorkerActivity[] {
    return this.tally.lanes().map((workerId) => ({ workerId, source: null, sinceMs: null }));
  }

  stats(): WorkerFigures {
    return { cpuMs: this.tally.cpuMs(), ...this.tally.memory() };
  }

  versions(): ImageLibraryVersions | null {
    return this.tally.versions();
  }

  async close(): Promise<void> {
    if (this.stopping !== 'no') return;
    while (this.waiting.length > 0 || this.queued.size > 0) {
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
    // A cancel while the last results came in has begun the clean-up already.
    if (this.stopping !== 'no') return this.releasing ?? undefined;
    this.stopping = 'closing';
    this.releasing = this.release();
    await this.releasing;
  }

  async cancel(): Promise<void> {
    // A second cancel (the lifecycle's stop, then its finally) waits for the first one's clean-up.
    if (this.stopping === 'cancelled') return this.releasing ?? undefined;
    const wasClosed = this.stopping === 'closing';
    this.stopping = 'cancelled';
    const pending = [...this.waiting.splice(0), ...this.queued.values()];
    const ids = [...this.queued.keys()];
    this.queued.clear();
    for (const p of pending) p.reject(new CancelledError());
    this.wakeIdle();
    if (wasClosed) return this.releasing ?? undefined;
    this.releasing = (async () => {
      if (this.run && this.claimed && this.downSince === null) {
        await this.endJobs(this.run.id, ids).catch((error: unknown) => this.notice(String(error)));
      }
      await this.release();
    })();
    await this.releasing;
  }

  private notice(message: string): void {
    if (this.noticed.has(message)) return;
    this.noticed.add(message);
    try {
      this.options.onNotice(message);
    } catch {
      // Not shown is better than a run ended by its listener.
    }
  }

  private async startRun(run: DispatchedRun): Promise<void> {
    await mkdir(run.outDir, { recursive: true });
    this.probe = await writeProbe(run.outDir, run.id);
    // Run numbers are per history database: two coordinators must not share one at once.
    const claimed = await this.connection.set(
      runMarkerKey(run.id),
      this.probe.token,
      'PX',
      MARKER_MS,
      'NX',
    );
    if (claimed !== 'OK') {
      await removeProbe(this.probe);
      this.probe = null;
      throw new Error(
        `another coordinator's run ${run.id} is using ${this.options.url.shown} now ` +
          '(run numbers come from each history database); retry once it has ended',
      );
    }
    this.claimed = true;
    await this.connection.del(runEndedKey(run.id));
    this.resultsConnection = new Redis(redisOptions(this.options.url));
    this.resultsConnection.on('error', () => undefined);
    this.results = new Worker(resultsQueueName(run.id), (job) => this.onResult(job), {
      connection: this.resultsConnection,
      prefix: QUEUE_PREFIX,
      concurrency: 1,
    });
    this.results.on('error', () => undefined);
  }

  /** Adds waiting tasks to Redis while the window has room. */
  private async pump(): Promise<void> {
    if (!this.bound) return;
    try {
      await this.bound;
    } catch (error) {
      this.fatal ??= `the queue run could not start: ${(error as Error).message}`;
      for (const p of this.waiting.splice(0)) this.fail(p, this.fatal, null);
      return this.wakeIdle();
    }
    while (this.stopping !== 'cancelled' && this.waiting.length > 0) {
      if (this.queued.size >= this.window) return;
      const pending = this.waiting.shift()!;
      this.queued.set(pending.item, pending);
      await this.add(pending);
    }
  }

  private async add(pending: Pending): Promise<void> {
    const run = this.run!;
    const data: TaskJob = {
      runId: run.id,
      item: pending.item,
      task: { ...pending.task, taskId: pending.item },
      inputs: run.inputs,
      outDir: run.outDir,
      probe: this.probe!,
      requeued: pending.requeued,
    };
    pending.data = data;
    try {
      checkTaskPaths(data.task, data.inputs, data.outDir);
    } catch (error) {
      return this.settleFailed(pending, (error as Error).message);
    }
    await this.tasks
      .add('image', data, {
        jobId: taskJobId(run.id, pending.item),
        attempts: ATTEMPTS,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: false,
      })
      .catch(() => undefined); // Redis gone: the check re-adds it, or the outage limit fails it.
    pending.added = true;
  }

  private async onResult(job: Job): Promise<void> {
    const parsed = resultMessageSchema.safeParse(job.data);
    if (!parsed.success) return;
    const message: ResultMessage = parsed.data;
    if (message.type === 'notice') return this.notice(message.message);
    const pending = this.queued.get(message.item);
    if (!pending) return; // a try redone after a lost lock, or a cancelled run's
    const endMs = this.options.clock();
    const workerId = this.tally.record(message);
    const startMs = Math.max(0, endMs - message.elapsedMs);
    const placement = { workerId, attempts: Math.max(1, message.attempts), startMs, endMs };
    const e = message.ended;
    this.settle(
      pending,
      e.kind === 'done'
        ? { kind: 'done', result: e.result, ...placement }
        : e.kind === 'failed'
          ? { kind: 'failed', error: e.error, ...placement }
          : { kind: 'mismatch', sniffed: e.sniffed as SniffResult, ...placement },
    );
  }

  private settle(pending: Pending, outcome: TaskOutcome): void {
    if (!this.queued.delete(pending.item)) return;
    pending.resolve(outcome);
    void this.pump();
    if (this.waiting.length === 0 && this.queued.size === 0) this.wakeIdle();
  }

  private settleFailed(pending: Pending, error: string): void {
    this.settle(pending, {
      kind: 'failed',
      error,
      workerId: null,
      attempts: ATTEMPTS,
      startMs: null,
      endMs: this.options.clock(),
    });
  }

  private fail(pending: Pending, error: string, workerId: number | null): void {
    pending.resolve({
      kind: 'failed',
      error,
      workerId,
      attempts: 0,
      startMs: null,
      endMs: this.options.clock(),
    });
  }

  private wakeIdle(): void {
    for (const wake of this.idle.splice(0)) wake();
  }

  /** The periodic check: outage limit, connected workers, lost jobs, a Redis come back empty. */
  private async tick(): Promise<void> {
    if (this.stopping !== 'no' || !this.run || this.fatal) return;
    const now = this.options.clock();
    // Before the guard below: a check in flight when Redis went away waits for it to come back
    // (this connection queues commands while it is down), so `ticking` may stay set all outage.
    if (this.downSince !== null) {
      if (now - this.downSince >= this.options.timings.outageLimitMs) this.giveUp();
      return;
    }
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.checkWorkers(now);
      await this.checkJobs(this.run.id);
    } catch {
      // Redis went away mid-check: the next tick sees it.
    } finally {
      this.ticking = false;
    }
  }

  private giveUp(): void {
    const seconds = Math.round(this.options.timings.outageLimitMs / 1000);
    this.fatal = `the queue ${this.options.url.shown} stopped answering for ${seconds} s; resume the run once it is back`;
    this.notice(this.fatal);
    const pending = [...this.waiting.splice(0), ...this.queued.values()];
    this.queued.clear();
    for (const p of pending) this.fail(p, this.fatal, null);
    this.wakeIdle();
  }

  private async checkWorkers(now: number): Promise<void> {
    const workers = await connectedWorkers(this.connection);
    const lanes = workers.reduce((sum, w) => sum + w.lanes, 0);
    this.window = Math.max(MIN_WINDOW, lanes * JOBS_PER_LANE);
    if (workers.length > 0) {
      this.lastWorkerSeen = now;
      this.warnedNoWorker = false;
      void this.pump();
      return;
    }
    const quiet = now - this.lastWorkerSeen;
    if (!this.warnedNoWorker && quiet >= this.options.timings.noWorkerWarnMs) {
      this.warnedNoWorker = true;
      this.options.onNotice(
        `no photobatch worker has been connected to ${this.options.url.shown} for ` +
          `${Math.round(quiet / 1000)} s; the run waits (start one: photobatch worker --redis URL)`,
      );
    }
  }

  private async checkJobs(runId: number): Promise<void> {
    // Renewed on every check, so a coordinator killed outright frees its run number in a minute.
    const held = await this.connection.set(
      runMarkerKey(runId),
      this.probe!.token,
      'PX',
      MARKER_MS,
      'XX',
    );
    if (held !== 'OK') {
      // Redis came back without its data: every task not settled is queued again (adding a
      // job that is still there adds nothing, so a marker lost any other way costs nothing).
      await this.connection.set(runMarkerKey(runId), this.probe!.token, 'PX', MARKER_MS);
      for (const pending of [...this.queued.values()]) await this.requeue(pending);
      return;
    }
    // A job done is removed; its result waits on the results queue until taken.
    const resultsWaiting = await this.resultsWaiting(runId);
    for (const pending of [...this.queued.values()]) {
      const job = await this.tasks.getJob(taskJobId(runId, pending.item));
      if (!job) {
        await this.readdIfLost(pending, resultsWaiting);
        continue;
      }
      pending.missing = 0;
      if (!job.finishedOn || !job.failedReason) continue;
      if ((await job.getState()) !== 'failed') continue;
      const stalled = /stalled more than allowable limit/i.test(job.failedReason);
      // Null when the machine died between taking the task and starting it.
      const machine = await this.connection.hget(holdersKey(runId), String(pending.item));
      const who = machine ? `machine ${machine}` : 'the machines that took it';
      this.settleFailed(
        pending,
        stalled ? `lost twice: ${who} stopped answering` : job.failedReason,
      );
      await job.remove().catch(() => undefined);
    }
  }

  /** Results on the run's results queue not yet taken by this coordinator. */
  private async resultsWaiting(runId: number): Promise<number> {
    // Results are added plain (never delayed or prioritised) and taken one at a time.
    const counts = await this.resultsQueue(runId).getJobCounts('wait', 'active');
    return (counts.wait ?? 0) + (counts.active ?? 0);
  }

  /** The run's results queue, for counting and clearing it (the results Worker takes them). */
  private resultsQueue(runId: number): Queue {
    if (!this.resultsView) {
      this.resultsView = new Queue(resultsQueueName(runId), {
        connection: this.connection,
        prefix: QUEUE_PREFIX,
      });
      this.resultsView.on('error', () => undefined);
    }
    return this.resultsView;
  }

  /**
   * A task neither in Redis nor answered was lost there: written after Redis's last save and then
   * a crash, or evicted. Two checks in a row with no result waiting, and it is queued again.
   */
  private async readdIfLost(pending: Pending, resultsWaiting: number): Promise<void> {
    if (!pending.added || resultsWaiting > 0) {
      pending.missing = 0;
      return;
    }
    if (++pending.missing < LOST_AFTER_CHECKS || !this.queued.has(pending.item)) return;
    await this.requeue(pending);
  }

  /** Queues a task Redis lost again; a try of before may still be running, so it counts anew. */
  private async requeue(pending: Pending): Promise<void> {
    pending.missing = 0;
    pending.added = false;
    pending.requeued += 1;
    await this.add(pending);
  }

  /**
   * Cancel in Redis: workers are told (a key for those that miss the message), waiting jobs are
   * removed, and jobs in flight are waited for (bounded) until their workers have let them go.
   */
  private async endJobs(runId: number, items: number[]): Promise<void> {
    await this.announceEnd(runId);
    let left = items.map((item) => taskJobId(runId, item));
    const deadline = Date.now() + this.options.timings.lockMs + 5000;
    while (left.length > 0 && Date.now() < deadline) {
      const still: string[] = [];
      for (const id of left) {
        const job = await this.tasks.getJob(id);
        if (!job) continue;
        const removed = await this.tasks.remove(id).catch(() => 0);
        if (removed === 0) still.push(id);
      }
      left = still;
      if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Tells every worker the run is over (a key for those that miss the message). */
  private async announceEnd(runId: number): Promise<void> {
    await this.connection.set(runEndedKey(runId), '1', 'PX', ENDED_KEY_MS);
    await this.connection.publish(RUN_ENDED_CHANNEL, String(runId));
  }

  /** Leaves Redis clean of the run: results queue, marker, probe; closes connections. */
  private async release(): Promise<void> {
    clearInterval(this.timer);
    const run = this.run;
    const reachable = this.downSince === null;
    // Closing waits for Redis; a Redis that is gone must not keep the run from ending.
    await bounded(this.results?.close(true));
    if (run && reachable && this.claimed) {
      await bounded(this.resultsQueue(run.id).obliterate({ force: true }));
      await bounded(this.announceEnd(run.id));
      await bounded(this.connection.del(runMarkerKey(run.id), holdersKey(run.id)));
    }
    if (this.probe) await removeProbe(this.probe).catch(() => undefined);
    // Temps of tries on machines that died (each try has its own name) are not left behind.
    if (run && this.claimed) {
      await removeStrayTemps(run.outDir, { runId: run.id }).catch(() => undefined);
    }
    await bounded(this.resultsView?.close());
    await bounded(this.tasks.close());
    this.resultsConnection?.disconnect();
    this.connection.disconnect();
  }
}

/** How long one clean-up step may wait for Redis before it is given up. */
const CLEANUP_STEP_MS = 3000;

/** Waits for `step` at most CLEANUP_STEP_MS; its failure is not the run's. */
async function bounded(step: Promise<unknown> | undefined): Promise<void> {
  if (!step) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    step.catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, CLEANUP_STEP_MS))),
  ]);
  clearTimeout(timer);
}

/** Checks in a row that must find a task gone from Redis before it is queued again. */
const LOST_AFTER_CHECKS = 2;

/** How long a run's marker lives unless the coordinator's checks renew it. */
const MARKER_MS = 60_000;
/** How long an ended run's key stays (a lost try may come back late). */
const ENDED_KEY_MS = 24 * 3600_000;
