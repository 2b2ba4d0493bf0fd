/**
 * A connection pool whose connect timeout is the user's `--timeout`: Node's fetch otherwise gives
 * up connecting after undici's fixed 10 s, whatever the setting says. The `undici` package is not
 * a dependency; Node's fetch is undici, and its global dispatcher (published under a well-known
 * symbol) is an `Agent` whose class takes `connect.timeout`. Where that is not reachable (another
 * runtime), null is returned and the attempt's own timer still bounds connecting, because every
 * wait on the network is raced against it (abortable.ts).
 */

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** The part of undici's Agent this module uses. */
interface AgentLike {
  destroy(): Promise<void>;
}
type AgentClass = new (options: {
  connect: { timeout: number };
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
  /** Closes every connection at once (stuck ones too); never waits on them. */
  destroy(): void;
}

/** A pool that gives up connecting after `timeoutMs`. */
export function connectDispatcher(timeoutMs: number): ConnectDispatcher {
  const Agent = agentClass();
  if (!Agent) return { dispatcher: undefined, destroy: () => undefined };
  // Headers and body waits are timed by the attempt itself (inactivity, lowest speed, --max-time);
  // undici's own 300 s limits would only be worse duplicates, so they are off.
  const agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: 0, bodyTimeout: 0 });
  return {
    dispatcher: agent,
    destroy: () => void agent.destroy().catch(() => undefined),
  };
}
