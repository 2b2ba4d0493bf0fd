/**
 * Waits for a promise or for a signal, whichever comes first. Node 20's undici does not always
 * settle `fetch()` or `reader.read()` after its controller aborts (nodejs/undici#4089), so every
 * wait on the network is raced against the signal here: cancel and timeouts then end at once, and
 * whatever the stuck promise does later is ignored.
 */

/** Thrown by `abortable` when the signal wins; the caller knows why it aborted. */
export class AbortedWait extends Error {
  override readonly name = 'AbortedWait';
  constructor() {
    super('aborted');
  }
}

/** Resolves like `promise`, or rejects with AbortedWait as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The loser must not become an unhandled rejection once nobody waits for it.
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new AbortedWait());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedWait());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Starts cancelling a body without waiting: a stuck stream's cancel may never settle either. */
export function discardBody(body: ReadableStream<Uint8Array> | null | undefined): void {
  if (!body) return;
  try {
    void body.cancel().catch(() => undefined);
  } catch {
    // Already locked or errored: nothing more to release from here.
  }
}

/** Starts cancelling a reader without waiting (see discardBody). */
export function discardReader(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  try {
    void reader.cancel().catch(() => undefined);
  } catch {
    // Released already.
  }
}
