/**
 * The web shell: the desktop window's UI in a browser, served from 127.0.0.1 only. HTTP serves the
 * built renderer and uploads; one WebSocket carries the contract. Every request and socket passes
 * the token guard first. The engine behind it is the same command service Electron main relays.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { UploadLimits } from '../shared/contract.js';
import { WEB_PATHS } from '../shared/web-wire.js';
import { RunStore } from '../db/run-store.js';
import { createCommandService } from '../engine/command-handlers.js';
import type { CommandService } from '../engine/command-handlers.js';
import { forkHostFactory } from '../engine/fork-host.js';
import type { WorkerHostFactory } from '../engine/worker-host.js';
import { checkRequest, createToken, tokenCookie } from './token-guard.js';
import { securityHeaders, serveStatic } from './static-files.js';
import { SocketRelay } from './socket-relay.js';
import { UploadRefused, UploadStore } from './upload-store.js';
import { builtRendererDir } from './renderer-dir.js';
import { refusalPage, wantsPage } from './refusal-page.js';
import { isRunFilePath, serveRunFiles } from './run-file-routes.js';
import type { GuardDecision } from './token-guard.js';
import { PICTURES_PATH } from '../shared/pictures.js';
import { servePicture } from './picture-route.js';

/** The address the shell listens on; never anything reachable from another machine. */
export const LOOPBACK = '127.0.0.1';

/** Options of `startWebShell`. */
export interface WebShellOptions {
  /** Port to listen on; 0 or absent: a free one. */
  port?: number;
  /** The database (the same file the CLI and the desktop app use by default). */
  dbPath: string;
  /** The data folder: uploads go to `<dataDir>/uploads`, downloads without a folder to `<dataDir>/downloads`. */
  dataDir: string;
  /** The built window; default: the project's out/renderer. */
  rendererDir?: string;
  uploadLimits?: UploadLimits;
  /** How workers start; default child_process.fork. */
  hostFactory?: WorkerHostFactory;
  /** Bound of the thumbnail folder in bytes; default THUMBNAIL_CACHE_BYTES. */
  thumbnailCacheBytes?: number;
}

/** A running web shell. */
export interface WebShell {
  /** The URL to open, with the token: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  port: number;
  token: string;
  service: CommandService;
  /** Cancels runs still going, closes sockets, the server and the database. */
  close(): Promise<void>;
}

/** Starts the web shell and resolves once it is listening. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = createToken();
  const store = RunStore.open(options.dbPath);
  const uploads = new UploadStore(path.join(options.dataDir, 'uploads'), options.uploadLimits);
  let relay: SocketRelay | null = null;
  const service = createCommandService({
    store,
    hostFactory: options.hostFactory ?? forkHostFactory,
    dataDir: options.dataDir,
    host: {
      kind: 'web',
      // A browser cannot hand a folder's path to the page; the window uploads instead.
      pickFolder: async () => null,
      openFolder: async () => false,
      uploadLimits: uploads.limits,
    },
    emit: (event) => relay?.broadcast(event),
    ...(options.thumbnailCacheBytes !== undefined
      ? { thumbnailCacheBytes: options.thumbnailCacheBytes }
      : {}),
  });
  relay = new SocketRelay(service);
  const rendererDir = options.rendererDir ?? builtRendererDir();
  let port = 0;

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders(port))) res.setHeader(name, value);
    handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { message: 'The web shell failed to answer this request.' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const decision = checkRequest(req, port, token);
    if (!decision.ok) return forbid(req, res, decision);
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const method = req.method ?? 'GET';

    if (url.pathname === WEB_PATHS.uploads && method === 'POST') {
      req.resume();
      return sendJson(res, 201, await uploads.start());
    }
    if (url.pathname.startsWith(`${WEB_PATHS.uploads}/`)) {
      const uploadId = decodeURIComponent(url.pathname.slice(WEB_PATHS.uploads.length + 1));
      if (method === 'PUT')
        return receiveUpload(req, res, uploadId, url.searchParams.get('path') ?? '');
      if (method === 'DELETE') {
        req.resume();
        return sendJson(res, 200, { deleted: await uploads.abandon(uploadId) });
      }
    }
    if (url.pathname.startsWith(`${PICTURES_PATH}/`) && (method === 'GET' || method === 'HEAD'))
      return servePicture(req, res, service.pictures(), url.pathname);
    if (url.pathname.startsWith('/api/')) {
      req.resume();
      return sendJson(res, 404, { message: `Nothing at ${method} ${url.pathname}.` });
    }
    if (isRunFilePath(url.pathname)) return serveRunFiles(req, res, store, url);
    if (method !== 'GET' && method !== 'HEAD') {
      req.resume();
      return sendJson(res, 405, { message: `${method} is not allowed here.` });
    }
    if (decision.fromQuery) {
      // Keep the token out of the address bar, history and bookmarks: the cookie carries it now.
      res.writeHead(303, {
        'Set-Cookie': tokenCookie(port, token),
        Location: url.pathname,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    return serveStatic(req, res, rendererDir, url.pathname);
  }

  async function receiveUpload(
    req: IncomingMessage,
    res: ServerResponse,
    uploadId: string,
    relativePath: string,
  ): Promise<void> {
    try {
      sendJson(res, 201, await uploads.receive(uploadId, relativePath, req));
    } catch (error) {
      const status = error instanceof UploadRefused ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      // Read what is left of the body into nothing, so the browser sees this answer rather than a
      // reset connection; it is never stored.
      res.setHeader('Connection', 'close');
      req.resume();
      sendJson(res, status, { message });
    }
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const decision = checkRequest(req, port, token);
    const pathname = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (!decision.ok || pathname !== WEB_PATHS.socket) {
      const status = decision.ok ? '404 Not Found' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => relay.attach(ws));
  });

  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    store.close();
    throw error;
  }
  const origin = `http://${LOOPBACK}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    service,
    async close() {
      await service.dispose();
      relay.closeAll();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${LOOPBACK} is already in use; choose another with --port, or leave it out for a free one.`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function forbid(
  req: IncomingMessage,
  res: ServerResponse,
  decision: Extract<GuardDecision, { ok: false }>,
): void {
  req.resume();
  res.setHeader('Connection', 'close');
  if (wantsPage(req.headers.accept, req.method)) {
    res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return void res.end(refusalPage(decision));
  }
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(
    `Forbidden: ${decision.reason}. Open the address that \`photobatch serve\` printed; it carries the token.\n`,
  );
}
