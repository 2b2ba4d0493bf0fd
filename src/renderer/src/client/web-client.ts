/**
 * The contract client in a browser, against `photobatch serve`: commands and events over one
 * WebSocket to the page's own origin (the cookie set from the first URL authorises it), uploads
 * as one HTTP PUT per file with relative paths. Reconnects when the socket drops; commands sent
 * while it is down wait for it, and fail in words if the shell is gone.
 */
import { picturePath } from '../../../shared/pictures.js';
import type {
  AppEvent,
  CommandInput,
  CommandName,
  CommandResults,
  ConnectionState,
  PhotobatchClient,
} from '../../../shared/contract.js';
import { parseAppEvent } from '../../../shared/event-schemas.js';
import {
  serverMessageSchema,
  uploadFileUrl,
  uploadUrl,
  WEB_PATHS,
} from '../../../shared/web-wire.js';
import type { UploadFileSaved, UploadStarted } from '../../../shared/web-wire.js';
import { resultsZipPath, runFilePath } from '../../../shared/run-file-paths.js';

/** The part of a WebSocket the client uses (the browser's, or `ws` in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    listener: (event: { data?: unknown }) => void,
  ): void;
}

/** Sends one file's bytes; resolves with the HTTP status and body text. */
export type PutFile = (
  url: string,
  file: Blob,
  onProgress: (sentBytes: number) => void,
) => Promise<{ status: number; body: string }>;

/** What the client needs from its surroundings; browsers get the defaults. */
export interface WebClientOptions {
  /** The page's origin, e.g. `http://127.0.0.1:5173`. */
  origin?: string;
  openSocket?: (url: string) => SocketLike;
  /** Plain HTTP requests without progress (start and abandon an upload). */
  fetch?: (
    url: string,
    init: { method: string },
  ) => Promise<{ status: number; text(): Promise<string> }>;
  putFile?: PutFile;
  /** How long to wait before reconnecting after the n-th failure in a row, ms. */
  reconnectDelayMs?: (failures: number) => number;
}

const OPEN = 1;
/** Files sent at once: enough to hide per-request latency, few enough to keep progress honest. */
const PARALLEL_UPLOADS = 3;

/** Failed connections in a row after which waiting commands are failed (reconnecting goes on). */
const GIVE_UP_AFTER_FAILURES = 4;

const UNREACHABLE =
  "Can't reach the Photobatch web shell. Is `photobatch serve` still running? If it was restarted, open the new address it printed.";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** XHR, because fetch cannot report upload progress. */
const xhrPutFile: PutFile = (url, file, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new Error(UNREACHABLE));
    xhr.send(file);
  });

/** The browser's client; `close` ends it for good (tests, or a page being torn down). */
export interface WebClient extends PhotobatchClient {
  close(): void;
}

/** Creates the browser's contract client. */
export function createWebClient(options: WebClientOptions = {}): WebClient {
  const origin = options.origin ?? window.location.origin;
  const socketUrl = origin.replace(/^http/, 'ws') + WEB_PATHS.socket;
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url));
  const doFetch =
    options.fetch ?? ((url, init) => fetch(url, { ...init, credentials: 'same-origin' }));
  const putFile = options.putFile ?? xhrPutFile;
  const delay = options.reconnectDelayMs ?? ((n: number) => Math.min(5000, 250 * 2 ** n));

  const listeners = new Set<(event: AppEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'connected';
  let everOpened = false;
  const setConnection = (state: ConnectionState) => {
    if (state === connection) return;
    connection = state;
    for (const listener of connectionListeners) listener(state);
  };
  /**
   * The socket cannot say why it failed; a plain request can: a 403 means a shell answers on this
   * port but refuses our token (it was restarted); no answer means it is gone (still retrying).
   */
  const probe = () => {
    doFetch(WEB_PATHS.socket, { method: 'GET' }).then(
      (answer) => {
        if (!closed && socket === null && answer.status === 403) setConnection('restarted');
      },
      () => undefined,
    );
  };
  const pending = new Map<number, Pending>();
  /** Commands not sent yet (the socket is not open); kept across a reconnect. */
  let queue: { id: number; text: string }[] = [];
  let nextId = 1;
  let failures = 0;
  let socket: SocketLike | null = null;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  function connect(): void {
    reconnectTimer = null;
    if (closed) return;
    const current = openSocket(socketUrl);
    socket = current;
    current.addEventListener('open', () => {
      failures = 0;
      everOpened = true;
      setConnection('connected');
      const waiting = queue;
      queue = [];
      for (const { text } of waiting) current.send(text);
    });
    current.addEventListener('message', (event) => receive(event.data));
    // A failed socket is followed by 'close', which reconnects; nothing more to do here.
    current.addEventListener('error', () => {});
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      failures++;
      // Before the first open the window says "Connecting…" itself; after it, the engine is lost.
      if (everOpened && connection === 'connected') setConnection('reconnecting');
      if (everOpened) probe();
      // Answers to commands already sent will never come; the caller hears so in words. Commands
      // not sent yet wait for the next socket, unless the shell has stayed away for a while.
      const giveUp = failures >= GIVE_UP_AFTER_FAILURES;
      const unsent = new Set(queue.map((q) => q.id));
      for (const [id, request] of pending) {
        if (giveUp || !unsent.has(id)) {
          request.reject(new Error(UNREACHABLE));
          pending.delete(id);
        }
      }
      if (giveUp) queue = [];
      if (!closed) reconnectTimer = setTimeout(connect, delay(failures));
    });
  }

  function receive(data: unknown): void {
    let message;
    try {
      message = serverMessageSchema.parse(JSON.parse(String(data)));
    } catch {
      console.warn(
        'photobatch: ignored a message from the web shell that is not part of the contract',
      );
      return;
    }
    if (message.type === 'event') {
      const parsed = parseAppEvent(message.event);
      if (!parsed.ok) return console.warn(`photobatch: ignored an event: ${parsed.error}`);
      for (const listener of listeners) listener(parsed.event);
      return;
    }
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    if (message.ok) request.resolve(message.value);
    else request.reject(new Error(message.error.message));
  }

  async function requestJson<T>(url: string, method: string): Promise<T> {
    const answer = await doFetch(url, { method }).catch(() => {
      throw new Error(UNREACHABLE);
    });
    const text = await answer.text();
    if (answer.status >= 400) throw new Error(errorMessage(answer.status, text));
    return JSON.parse(text) as T;
  }

  connect();

  return {
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      for (const request of pending.values())
        request.reject(new Error('The connection to the web shell was closed.'));
      pending.clear();
      queue = [];
    },

    invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResults[K]> {
      const id = nextId++;
      const text = JSON.stringify({ type: 'invoke', id, name, input });
      return new Promise((resolve, reject) => {
        if (closed) return reject(new Error('The connection to the web shell was closed.'));
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (socket && socket.readyState === OPEN) socket.send(text);
        else queue.push({ id, text });
      });
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connection);
      return () => connectionListeners.delete(listener);
    },

    pictureUrl(request) {
      // Same origin: the token's cookie goes with every <img> request.
      return origin + picturePath(request);
    },

    canOpenFolders: false,
    // Same origin: the token's cookie goes with the request, as with every other one.
    fileUrl(runId, seq, side, download = false) {
      return runFilePath(runId, seq, side, download);
    },

    resultsZipUrl(runId) {
      return resultsZipPath(runId);
    },

    pathsForDroppedFiles() {
      // A browser never shows a page where a dropped file lives; the window uploads instead.
      return null;
    },

    async uploadFiles(files, onProgress) {
      const totalBytes = files.reduce((sum, f) => sum + f.file.size, 0);
      const sent = new Array<number>(files.length).fill(0);
      const report = () =>
        onProgress?.(
          sent.reduce((a, b) => a + b, 0),
          totalBytes,
        );
      const started = await requestJson<UploadStarted>(WEB_PATHS.uploads, 'POST');
      let next = 0;
      let failure: Error | null = null;
      const sendNext = async (): Promise<void> => {
        while (next < files.length && !failure) {
          const index = next++;
          const { file, relativePath } = files[index]!;
          try {
            const answer = await putFile(
              uploadFileUrl(started.uploadId, relativePath),
              file,
              (bytes) => {
                sent[index] = bytes;
                report();
              },
            );
            if (answer.status >= 400) throw new Error(errorMessage(answer.status, answer.body));
            sent[index] = (JSON.parse(answer.body) as UploadFileSaved).bytes;
            report();
          } catch (error) {
            failure ??= error instanceof Error ? error : new Error(String(error));
          }
        }
      };
      // Every file in flight settles before the upload is given up, so nothing arrives after it.
      await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, sendNext));
      if (failure) {
        // Leave nothing half-uploaded behind (the shell already did if it refused the upload).
        await requestJson(uploadUrl(started.uploadId), 'DELETE').catch(() => {});
        throw failure;
      }
      return { inputDir: started.inputDir };
    },
  };
}

/** The shell's `{ message }` answer, or a plain description of the status. */
function errorMessage(status: number, body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: a 403 page, say.
  }
  if (status === 403)
    return 'The web shell refused this page: open the address `photobatch serve` printed (it carries the token).';
  return `The web shell answered ${status}.`;
}
