/**
 * A run's own connection pool, for two reasons. Its connect timeout is the user's `--timeout`
 * (Node's fetch otherwise gives up connecting after undici's fixed 10 s, whatever the setting
 * says). And it owns its sockets: undici 6 (Node 20) can finish connecting a socket after the
 * request was aborted and its pool destroyed, and leave it open for ever, which kept a cancelled
 * CLI alive; here every socket is tracked and destroyed with the run.
 *
 * The `undici` package is not a dependency. Node's fetch is undici, and its global dispatcher
 * (published under a well-known symbol) is an `Agent` whose class takes a `connect` function.
 * Where that is not reachable (another runtime), no dispatcher is used, and the attempt's own
 * timer still bounds connecting, because every wait on the network is raced against it.
 */
import { connect as netConnect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** What undici passes a connector. */
interface ConnectOptions {
  hostname: string;
  protocol: string;
  port: string | number;
  servername?: string | null;
}
type Connector = (
  options: ConnectOptions,
  callback: (error: Error | null, socket: Socket | null) => void,
) => void;

/** The part of undici's Agent this module uses. */
interface AgentLike {
  destroy(): Promise<void>;
}
type AgentClass = new (options: {
  connect: Connector;
  headersTimeout: number;
  bodyTimeout: number;
}) => AgentLike;

/** The Agent class behind Node's fetch, or null when it cannot be reached. */
function agentClass(): AgentClass | null {
  const holder = globalThis as Record<symbol, unknown>;
  if (!holder[GLOBAL_DISPATCHER]) {
    // fetch() installs its global dispatcher when first called; a data: URL makes no connection.
    fetch('data:,').catch(() => undefined);
  }
  const dispatcher = holder[GLOBAL_DISPATCHER] as { constructor?: unknown } | undefined;
  const ctor = dispatcher?.constructor;
  return typeof ctor === 'function' && 'destroy' in (ctor.prototype as object)
    ? (ctor as AgentClass)
    : null;
}

/** A run's own connection pool. */
export interface ConnectDispatcher {
  /** For fetch's init (`dispatcher`), or undefined when Node's was not reachable. */
  readonly dispatcher: object | undefined;
  /** Closes every connection at once (stuck ones and ones still connecting too); never waits. */
  destroy(): void;
}

/** An error like undici's own, so the words for it stay the same (download-errors.ts). */
function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Connects plain TCP or TLS, gives up after `timeoutMs`, and tracks the socket until it closes. */
function trackingConnector(
  timeoutMs: number,
  sockets: Set<Socket>,
  closed: () => boolean,
): Connector {
  return (options, callback) => {
    if (closed()) {
      callback(codedError('the download was stopped', 'UND_ERR_DESTROYED'), null);
      return;
    }
    const https = options.protocol === 'https:';
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(options.port) || (https ? 443 : 80);
    const socket = https
      ? tlsConnect({
          host,
          port,
          servername: options.servername || (isIP(host) ? undefined : host),
          ALPNProtocols: ['http/1.1'],
        })
      : netConnect({ host, port });
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', settle);
      if (error || closed()) {
        socket.destroy();
        callback(error ?? codedError('the download was stopped', 'UND_ERR_DESTROYED'), null);
      } else {
        socket.setNoDelay(true);
        callback(null, socket);
      }
    };
    const timer = setTimeout(
      () => settle(codedError('connect timeout', 'UND_ERR_CONNECT_TIMEOUT')),
      timeoutMs,
    );
    socket.once('error', settle);
    // Destroyed while connecting (the run ended): no error event comes, only close.
    socket.once('close', () => settle(codedError('the connection was closed', 'UND_ERR_SOCKET')));
    socket.once(https ? 'secureConnect' : 'connect', () => settle(null));
  };
}

/** A pool that gives up connecting after `timeoutMs` and whose sockets end with it. */
export function connectDispatcher(timeoutMs: number): ConnectDispatcher {
  const Agent = agentClass();
  if (!Agent) return { dispatcher: undefined, destroy: () => undefined };
  const sockets = new Set<Socket>();
  let closed = false;
  // Headers and body waits are timed by the attempt itself (inactivity, lowest speed, --max-time);
  // undici's own 300 s limits would only be worse duplicates, so they are off.
  const agent = new Agent({
    connect: trackingConnector(timeoutMs, sockets, () => closed),
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return {
    dispatcher: agent,
    destroy: () => {
      closed = true;
      void agent.destroy().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
    },
  };
}
