/**
 * Starts a real web shell on 127.0.0.1 with a real SQLite file and a fake built window in temp
 * folders, and talks to it over real HTTP and WebSocket, with any headers a hostile page could send.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocket } from 'ws';
import type {
  AppEvent,
  CommandInput,
  CommandName,
  CommandResults,
  UploadLimits,
} from '../../../src/shared/contract.js';
import type { ServerMessage } from '../../../src/shared/web-wire.js';
import { startWebShell } from '../../../src/web/web-shell.js';
import type { WebShell, WebShellOptions } from '../../../src/web/web-shell.js';
import { tempDir } from '../../helpers/real-photos.js';

/** The page every test shell serves as its built window. */
export const INDEX_HTML =
  '<!doctype html><title>Photobatch test window</title><div id="root"></div>';

/** A shell with its temp folders. */
export interface Harness {
  shell: WebShell;
  dataDir: string;
  /** Host header the shell accepts. */
  host: string;
}

/** Starts a shell in a fresh temp data folder. */
export async function startHarness(
  uploadLimits?: UploadLimits,
  more: Pick<WebShellOptions, 'hostFactory' | 'thumbnailCacheBytes'> = {},
): Promise<Harness> {
  const dataDir = await tempDir('photobatch-web-');
  const rendererDir = path.join(dataDir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("window")');
  const shell = await startWebShell({
    dbPath: path.join(dataDir, 'photobatch.db'),
    dataDir,
    rendererDir,
    ...(uploadLimits ? { uploadLimits } : {}),
    ...more,
  });
  return { shell, dataDir, host: `127.0.0.1:${shell.port}` };
}

/** An HTTP answer, body read whole (tests only). */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends one request with exactly the headers given (Host included), to the shell's socket. */
export function send(
  harness: Harness,
  options: {
    path: string;
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunked?: boolean;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: harness.shell.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { host: harness.host, ...options.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) {
      if (options.chunked) {
        // No Content-Length: the shell must count as the bytes arrive.
        const body = Buffer.from(options.body);
        const half = Math.floor(body.length / 2);
        req.write(body.subarray(0, half));
        req.end(body.subarray(half));
        return;
      }
      req.setHeader('content-length', Buffer.byteLength(options.body));
      req.end(options.body);
    } else {
      req.end();
    }
  });
}

/** The cookie a browser would keep after opening the printed URL. */
export async function cookieFromFirstUrl(harness: Harness): Promise<string> {
  const answer = await send(harness, { path: `/?token=${harness.shell.token}` });
  const setCookie = answer.headers['set-cookie']?.[0];
  if (answer.status !== 303 || !setCookie)
    throw new Error(`expected a 303 with a cookie, got ${answer.status}`);
  return setCookie.split(';')[0]!;
}

/** Opens the contract socket; rejects with the HTTP status if the shell refuses it. */
export function openSocket(
  harness: Harness,
  headers: Record<string, string>,
  origin?: string,
): Promise<ContractSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${harness.shell.port}/api/socket`, {
      headers: { host: harness.host, ...headers },
      ...(origin ? { origin } : {}),
    });
    ws.once('open', () => resolve(new ContractSocket(ws)));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`refused with ${res.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

/** A browser's view of the contract socket. */
export class ContractSocket {
  readonly events: AppEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (message: ServerMessage) => void>();
  private eventWaiters: { match: (e: AppEvent) => boolean; resolve: (e: AppEvent) => void }[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'event') {
        this.events.push(message.event);
        this.eventWaiters = this.eventWaiters.filter((w) =>
          w.match(message.event) ? (w.resolve(message.event), false) : true,
        );
      } else {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      }
    });
  }

  /** Sends any text and resolves with the answer to `id` (tests of malformed messages). */
  raw(text: string, id: number): Promise<ServerMessage> {
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(text);
    });
  }

  /** Invokes a command; resolves with its value or rejects with its error message. */
  async invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandResults[K]> {
    const id = this.nextId++;
    const answer = await this.raw(JSON.stringify({ type: 'invoke', id, name, input }), id);
    if (answer.type !== 'result') throw new Error('expected a result');
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as CommandResults[K];
  }

  /** The first event (seen or to come) that matches. */
  waitForEvent(match: (e: AppEvent) => boolean): Promise<AppEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.eventWaiters.push({ match, resolve }));
  }

  close(): void {
    this.ws.close();
  }
}
