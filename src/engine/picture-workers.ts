/**
 * The window's pictures (thumbnails and previews) are made here: one or two worker processes of
 * their own, forked lazily on the first request through the same `WorkerHost` seam as the run's
 * pool (fork-host.ts; utility-host.ts in Electron), so no image is ever decoded in the shell's
 * event loop and a run's pool is never slowed by them. A worker left idle for a while goes away;
 * one that dies fails its jobs in words and is forked again for the next.
 */
import { workerToParentSchema } from '../shared/worker-messages.js';
import type { PictureJob, PictureResult } from '../shared/worker-messages.js';
import type { WorkerHost, WorkerHostFactory } from './worker-host.js';

/** Options of `PictureWorkers`. */
export interface PictureWorkersOptions {
  hostFactory: WorkerHostFactory;
  /** Worker processes at most (default 2). */
  size?: number;
  /** Ms a worker may stay idle before it is ended (default 30 s). */
  idleMs?: number;
  /** Ms one picture may take before its worker is ended (default 60 s). */
  jobTimeoutMs?: number;
}

interface Pending {
  job: PictureJob;
  resolve: (result: PictureResult) => void;
  reject: (error: Error) => void;
}

interface Lane {
  id: number;
  host: WorkerHost;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  killedFor: string | null;
}

/** Workers serving `picture` jobs, one job at a time each. */
export class PictureWorkers {
  private readonly lanes: (Lane | null)[];
  private readonly queue: Pending[] = [];
  private nextJobId = 1;
  private closed = false;
  private forks = 0;
  /** Workers in a row that exited before they were ready: a broken install, not a bad picture. */
  private startFailures = 0;

  constructor(private readonly options: PictureWorkersOptions) {
    this.lanes = Array.from({ length: Math.max(1, options.size ?? 2) }, () => null);
  }

  /** Worker processes forked so far (tests: pictures are made in workers, not in-process). */
  get forked(): number {
    return this.forks;
  }

  /** Runs one job (its `jobId` is assigned here) in a worker. */
  run(job: Omit<PictureJob, 'jobId'>): Promise<PictureResult> {
    if (this.closed) return Promise.reject(new Error('the picture workers have stopped'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...job, jobId: this.nextJobId++ }, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends the workers; jobs not done are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('stopped'));
    const exits = this.lanes.map((lane) =>
      lane
        ? new Promise<void>((resolve) => {
            lane.host.onExit(() => resolve());
            lane.host.kill();
          })
        : Promise.resolve(),
    );
    await Promise.all(exits);
  }

  private dispatch(): void {
    for (let id = 0; id < this.lanes.length && this.queue.length > 0; id++) {
      const lane = this.lanes[id];
      if (!lane) {
        // A new worker only when no started one is free: one picture rarely needs two.
        const free = this.lanes.some((l) => l && (!l.ready || !l.current));
        if (!free || id === 0) this.spawn(id);
        continue;
      }
      if (!lane.ready || lane.current) continue;
      this.start(lane, this.queue.shift()!);
    }
  }

  private start(lane: Lane, pending: Pending): void {
    if (lane.idleTimer) clearTimeout(lane.idleTimer);
    lane.idleTimer = null;
    lane.current = pending;
    lane.timer = setTimeout(() => {
      lane.killedFor = `took longer than ${Math.round(this.jobTimeout / 1000)} s`;
      lane.host.kill();
    }, this.jobTimeout);
    if (!lane.host.send({ type: 'picture', job: pending.job })) lane.host.kill();
  }

  private get jobTimeout(): number {
    return this.options.jobTimeoutMs ?? 60_000;
  }

  private spawn(id: number): void {
    this.forks++;
    const host = this.options.hostFactory({
      workerId: id,
      threads: 1,
      env: { MALLOC_ARENA_MAX: '2' },
    });
    const lane: Lane = {
      id,
      host,
      ready: false,
      current: null,
      timer: null,
      idleTimer: null,
      killedFor: null,
    };
    this.lanes[id] = lane;
    host.onMessage((raw) => this.onMessage(lane, raw));
    host.onExit((code, signal) => this.onExit(id, lane, code, signal));
  }

  private onMessage(lane: Lane, raw: unknown): void {
    const parsed = workerToParentSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'ready') {
      lane.host.send({ type: 'init', workerId: 0, threads: 1 });
      lane.ready = true;
      this.dispatch();
      this.idleSoon(lane);
      return;
    }
    if (message.type !== 'picture:done' && message.type !== 'picture:failed') return;
    const current = lane.current;
    if (!current || current.job.jobId !== message.jobId) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.current = null;
    if (message.type === 'picture:done') current.resolve(message.result);
    else current.reject(new Error(message.error.message));
    this.dispatch();
    this.idleSoon(lane);
  }

  private idleSoon(lane: Lane): void {
    if (lane.current || lane.idleTimer) return;
    lane.idleTimer = setTimeout(() => {
      if (lane.current) return;
      // Out of the lanes first, so no job is given to a worker on its way out.
      if (this.lanes[lane.id] === lane) this.lanes[lane.id] = null;
      if (!lane.host.send({ type: 'shutdown' })) lane.host.kill();
    }, this.options.idleMs ?? 30_000);
    lane.idleTimer.unref();
  }

  private onExit(id: number, lane: Lane, code: number | null, signal: string | null): void {
    if (lane.timer) clearTimeout(lane.timer);
    if (lane.idleTimer) clearTimeout(lane.idleTimer);
    if (this.lanes[id] === lane) this.lanes[id] = null;
    this.startFailures = lane.ready ? 0 : this.startFailures + 1;
    if (this.startFailures >= 3) {
      for (const pending of this.queue.splice(0))
        pending.reject(new Error('the picture workers could not start'));
      this.startFailures = 0;
    }
    const current = lane.current;
    lane.current = null;
    if (current) {
      const how =
        lane.killedFor ??
        (signal ? `its worker was killed (${signal})` : `its worker exited (code ${code})`);
      current.reject(new Error(`the picture could not be made: ${how}`));
    }
    if (!this.closed) this.dispatch();
  }
}
