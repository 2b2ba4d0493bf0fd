/**
 * One machine's side of the queue (`photobatch worker`, and the coordinator's own
 * `--local-workers`): one BullMQ Worker that only brokers — its event loop never does image work,
 * so lock renewal never starves — feeding a local `WorkerPool` of forked processes. No BullMQ
 * sandboxed processors: the pool already isolates, retries a crashed process once and times out.
 *
 * Per task: refuse paths outside the run's inputs and output, prove once per run that this
 * machine sees the coordinator's storage (the probe), translate paths (`--map`), write under a
 * temp name that carries the attempt, and put the outcome on the run's results queue.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DelayedError, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { WORKER_QUEUE_DEPTH } from '../../shared/worker-messages.js';
import type { TaskResult } from '../../shared/worker-messages.js';
import { tempPathFor } from '../temp-names.js';
import { CancelledError } from '../task-dispatcher.js';
import type { TaskOutcome, WorkerFigures } from '../task-dispatcher.js';
import type { WorkerHostFactory } from '../worker-host.js';
import { WorkerPool } from '../worker-pool.js';
import { checkTaskPaths, mapPath, writtenInCoordinatorsTerms } from './path-map.js';
import type { PathMapping } from './path-map.js';
import {
  holdersKey,
  QUEUE_PREFIX,
  RUN_ENDED_CHANNEL,
  runEndedKey,
  resultsQueueName,
  TASK_QUEUE,
  workerKey,
} from './queue-names.js';
import { taskJobSchema } from './queue-messages.js';
import type { MachineRef, ResultMessage, TaskJob } from './queue-messages.js';
import type { QueueTimings } from './queue-timings.js';
import { redisOptions } from './queue-url.js';
import type { QueueUrl } from './queue-url.js';
import { probeMatches } from './storage-probe.js';

/** How a queue worker is set up. */
export interface QueueWorkerOptions {
  url: QueueUrl;
  name: string;
  /** Worker processes in the local pool. */
  concurrency: number;
  threads: number;
  mappings: PathMapping[];
  hostFactory: WorkerHostFactory;
  timings: QueueTimings;
  taskTimeoutMs: number;
  /** One-line notices (a Redis error, a storage this machine cannot see). */
  onNotice: (message: string) => void;
}

/** A machine that cannot see a run's storage hands its tasks back after this long. */
const HAND_BACK_DELAY_MS = 1000;
/** Results queues kept open at once (one per run this worker has recently served). */
const OPEN_RESULT_QUEUES = 8;

/** The default `--name`: unique per process, recognisable per machine. */
export function defaultWorkerName(): string {
  return `${os.hostname()}-${process.pid}`;
}

/** A running queue worker. */
export class QueueWorker {
  private readonly machine: MachineRef;
  private readonly connection: Redis;
  private readonly subscriber: Redis;
  /** The BullMQ Worker's own (it is not closed by the Worker, since we made it). */
  private readonly workerConnection: Redis;
  private readonly worker: Worker;
  private pool: WorkerPool;
  private readonly results = new Map<number, Queue>();
  /** Probes (run and token: run numbers are per history database) that matched here. */
  private readonly seen = new Set<string>();
  /** Probes that did not, so the user is told once per run. */
  private readonly blind = new Set<string>();
  /** Jobs being worked on, by id, with their run. */
  private readonly inFlight = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly clockOrigin = performance.now();

  constructor(private readonly options: QueueWorkerOptions) {
    this.machine = { name: options.name, host: os.hostname() };
    const connect = redisOptions(options.url);
    this.connection = new Redis(connect);
    this.subscriber = new Redis(connect);
    this.workerConnection = new Redis(connect);
    for (const client of [this.connection, this.subscriber, this.workerConnection]) {
      client.on('error', (error) => this.notice(`Redis: ${error.message}`));
    }
    this.pool = this.newPool();
    this.worker = new Worker(TASK_QUEUE, (job, token) => this.process(job, token), {
      connection: this.workerConnection,
      prefix: QUEUE_PREFIX,
      name: options.name,
      // Each pool process gets its next image while it encodes the current one.
      concurrency: options.concurrency * WORKER_QUEUE_DEPTH,
      lockDuration: options.timings.lockMs,
      stalledInterval: options.timings.stalledMs,
      // Lost once: back to the queue. Lost twice: failed ("lost twice: …").
      maxStalledCount: 1,
    });
    this.worker.on('error', (error) => this.notice(`queue: ${error.message}`));
    void this.subscriber.subscribe(RUN_ENDED_CHANNEL).catch(() => undefined);
    this.subscriber.on('message', (_channel, text: string) => this.onRunEnded(Number(text)));
    const beat = () => {
      const info = JSON.stringify({ ...this.machine, lanes: options.concurrency });
      this.connection
        .set(workerKey(options.name), info, 'PX', options.timings.heartbeatTtlMs)
        .catch(() => undefined);
    };
    beat();
    this.heartbeat = setInterval(beat, Math.max(200, options.timings.heartbeatTtlMs / 3));
  }

  /** Resolves once connected and taking jobs. */
  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /**
   * Stops taking jobs and finishes the ones in flight (BullMQ's graceful close), then ends the
   * pool and leaves Redis: the machine drops out of the connected list at once.
   */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.worker.close();
    await this.pool.close();
    await this.connection.del(workerKey(this.options.name)).catch(() => undefined);
    await Promise.all([...this.results.values()].map((q) => q.close().catch(() => undefined)));
    this.subscriber.disconnect();
    this.workerConnection.disconnect();
    this.connection.disconnect();
  }

  private newPool(): WorkerPool {
    return new WorkerPool({
      size: this.options.concurrency,
      threads: this.options.threads,
      hostFactory: this.options.hostFactory,
      taskTimeoutMs: this.options.taskTimeoutMs,
      clock: () => performance.now() - this.clockOrigin,
      onLog: (message) => this.notice(message),
    });
  }

  private notice(message: string): void {
    try {
      this.options.onNotice(message);
    } catch {
      // A notice that cannot be shown must not end the worker.
    }
  }

  private async process(job: Job, token: string | undefined): Promise<unknown> {
    const parsed = taskJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`not a photobatch task (${job.id})`);
    const data = parsed.data;
    if (await this.isEnded(data.runId)) return { dropped: 'the run has ended' };
    try {
      checkTaskPaths(data.task, data.inputs, data.outDir);
    } catch (error) {
      await this.report(data, tryNumber(job, data), failedOutcome((error as Error).message));
      return { refused: true };
    }
    if (!(await this.seesStorage(data))) {
      // Handed back untried (no attempt counted), for a machine that sees the storage.
      await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
      throw new DelayedError();
    }
    const m = this.options.mappings;
    const output = mapPath(data.task.output, m);
    const attempt = tryNumber(job, data);
    const task = {
      source: mapPath(data.task.source, m),
      output,
      temp: tempPathFor(output, data.runId, data.task.taskId, attempt),
      outputFormat: data.task.outputFormat,
      options: data.task.options,
      expect: data.task.expect,
    };
    await this.connection.hset(holdersKey(data.runId), String(data.item), this.machine.name);
    this.inFlight.set(String(job.id), data.runId);
    let outcome: TaskOutcome;
    try {
      outcome = await this.pool.submit(task);
    } catch (error) {
      // The pool was ended under it: for this run (done with it), or another's (try again).
      if (error instanceof CancelledError && (await this.isEnded(data.runId))) {
        return { dropped: 'the run has ended' };
      }
      throw error;
    } finally {
      this.inFlight.delete(String(job.id));
    }
    if (await this.isEnded(data.runId)) return { dropped: 'the run has ended' };
    await this.report(data, attempt, outcome);
    return { reported: true };
  }

  private async isEnded(runId: number): Promise<boolean> {
    return (await this.connection.exists(runEndedKey(runId))) === 1;
  }

  private async seesStorage(data: TaskJob): Promise<boolean> {
    const probe = `${data.runId}:${data.probe.token}`;
    if (this.seen.has(probe)) return true;
    if (await probeMatches(mapPath(data.probe.path, this.options.mappings), data.probe.token)) {
      this.seen.add(probe);
      return true;
    }
    if (!this.blind.has(probe)) {
      this.blind.add(probe);
      const message = `machine ${this.machine.name} cannot see ${data.outDir}: mount it or pass --map`;
      this.notice(message);
      await this.resultsQueue(data.runId)
        .add('notice', { type: 'notice', machine: this.machine, message } satisfies ResultMessage, {
          removeOnComplete: true,
        })
        .catch(() => undefined);
    }
    return false;
  }

  /** Puts the outcome on the run's results queue (durable: it waits there for the coordinator). */
  private async report(data: TaskJob, attempt: number, outcome: TaskOutcome): Promise<void> {
    const ended: Extract<ResultMessage, { type: 'outcome' }>['ended'] =
      outcome.kind === 'done'
        ? { kind: 'done', result: inCoordinatorsTerms(outcome.result, data.task.output) }
        : outcome.kind === 'failed'
          ? { kind: 'failed', error: outcome.error }
          : { kind: 'mismatch', sniffed: outcome.sniffed };
    const message: ResultMessage = {
      type: 'outcome',
      item: data.item,
      machine: this.machine,
      lane: outcome.workerId ?? 0,
      attempts: outcome.attempts,
      elapsedMs: outcome.startMs === null ? 0 : Math.max(0, outcome.endMs - outcome.startMs),
      ended,
      ...memoryAndCpu(this.pool.stats()),
      versions: this.pool.versions(),
    };
    await this.resultsQueue(data.runId).add('outcome', message, {
      // One result per try: a try redone after a lost lock adds its own, the first one counts.
      jobId: `${data.item}-${attempt}`,
      removeOnComplete: true,
    });
  }

  private resultsQueue(runId: number): Queue {
    let queue = this.results.get(runId);
    if (!queue) {
      if (this.results.size >= OPEN_RESULT_QUEUES) {
        const [oldest, stale] = this.results.entries().next().value!;
        this.results.delete(oldest);
        void stale.close().catch(() => undefined);
      }
      queue = new Queue(resultsQueueName(runId), {
        connection: this.connection,
        prefix: QUEUE_PREFIX,
      });
      queue.on('error', (error) => this.notice(`queue: ${error.message}`));
      this.results.set(runId, queue);
    }
    return queue;
  }

  /**
   * An ended run's images in flight here (cancelled, or tries redone after a lost lock) are
   * ended now: the pool cannot end one task, so it is replaced; another run's tasks it was doing
   * go back to the queue (BullMQ retries them).
   */
  private onRunEnded(runId: number): void {
    if (!Number.isInteger(runId) || runId <= 0) return;
    if (![...this.inFlight.values()].includes(runId)) return;
    const old = this.pool;
    this.pool = this.newPool();
    void old.cancel().catch(() => undefined);
  }
}

/**
 * This try's number within the task, unique across the coordinator's requeues: it names the try's
 * temp file and result, so a try of before still running elsewhere never shares them.
 */
function tryNumber(job: Job, data: TaskJob): number {
  return data.requeued * (job.opts.attempts ?? 1) + job.attemptsStarted;
}

function failedOutcome(error: string): TaskOutcome {
  return { kind: 'failed', error, workerId: null, attempts: 0, startMs: null, endMs: 0 };
}

/** What a result carries of its machine's pool: CPU and memory so far. */
function memoryAndCpu(stats: WorkerFigures) {
  return {
    cpuMs: stats.cpuMs,
    peakRssWorkerBytes: stats.peakRssWorkerBytes,
    sumPeakRssBytes: stats.sumPeakRssBytes,
  };
}

/** A result as the coordinator names things (see writtenInCoordinatorsTerms). */
function inCoordinatorsTerms(result: TaskResult, plannedOutput: string): TaskResult {
  if (typeof result.output !== 'string') return result;
  return { ...result, output: writtenInCoordinatorsTerms(plannedOutput, result.output) };
}
