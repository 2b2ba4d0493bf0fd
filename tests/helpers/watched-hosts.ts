/**
 * The real fork host, watched: every worker host started, how many tasks each was sent, and
 * promises for "some worker has been sent N tasks", so a test acts while work is certainly in
 * flight (1: an image is running; 2: one running and one queued behind it). `transform` rewrites
 * what a worker says before the pool hears it (e.g. a worker whose clock is shifted).
 */
import { forkHostFactory } from '../../src/engine/fork-host.js';
import type { WorkerHost, WorkerHostFactory } from '../../src/engine/worker-host.js';

/** Watched hosts. */
export interface WatchedHosts {
  factory: WorkerHostFactory;
  hosts: { host: WorkerHost; tasks: number }[];
  /** The first host that has been sent `n` tasks (1 or 2). */
  whenSent(n: 1 | 2): Promise<WorkerHost>;
}

/** Starts watching; pass `factory` as the run's host factory. */
export function watchedHosts(transform?: (message: unknown) => unknown): WatchedHosts {
  const hosts: { host: WorkerHost; tasks: number }[] = [];
  const waiters = new Map<
    number,
    { promise: Promise<WorkerHost>; resolve: (h: WorkerHost) => void }
  >();
  const waiter = (n: number) => {
    let entry = waiters.get(n);
    if (!entry) {
      let resolve!: (h: WorkerHost) => void;
      const promise = new Promise<WorkerHost>((r) => (resolve = r));
      entry = { promise, resolve };
      waiters.set(n, entry);
    }
    return entry;
  };
  return {
    hosts,
    whenSent: (n) => waiter(n).promise,
    factory: (options) => {
      const host = forkHostFactory(options);
      const watched = { host, tasks: 0 };
      hosts.push(watched);
      const send = host.send.bind(host);
      host.send = (message) => {
        const sent = send(message);
        if (sent && message.type === 'task') waiter(++watched.tasks).resolve(host);
        return sent;
      };
      if (transform) {
        const onMessage = host.onMessage.bind(host);
        host.onMessage = (listener) => onMessage((message) => listener(transform(message)));
      }
      return host;
    },
  };
}
