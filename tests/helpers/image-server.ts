/**
 * A real HTTP server on 127.0.0.1 for download tests and benches, with a route for every way a
 * download can go right or wrong. Paths are `/<route>/<parameters…>/<name>`; the name and any query
 * string are free, so tests pick the file names they want to see on disk.
 *
 *   /img/…                     a JPEG (image/jpeg)           /png/…     a PNG (image/png)
 *   /octet/…                   a JPEG as application/octet-stream
 *   /photo/<W>x<H>/…           a W×H noisy JPEG (made once, cached): "large photos" for benches
 *   /status/<code>/…           that status with a short text body
 *   /flaky/<n>/<code>/…        <code> for the first n requests of this exact URL, then a JPEG
 *   /retry-after/<s>/…         429 with `Retry-After: <s>` the first time, then a JPEG
 *   /redirect/<n>/…            a chain of n redirects ending at /img/…
 *   /loop/a, /loop/b           redirect to each other forever
 *   /html/…                    an HTML page (text/html), e.g. /html/photo.jpg
 *   /stall/…                   headers and half the JPEG, then nothing (until the client gives up)
 *   /stall-headers/…           never answers at all
 *   /big/<bytes>/…             a JPEG padded to <bytes>, with Content-Length
 *   /big-chunked/<bytes>/…     the same without Content-Length
 *   /reset/…                   half the JPEG, then the connection is destroyed
 *   /reset-once/…              like /reset the first time, then a JPEG
 *   /disposition/<enc>/…       a JPEG with `Content-Disposition: attachment; filename="<decoded enc>"`
 *   /slow/<ms>/…               a JPEG after <ms> extra latency
 *
 * Every request also waits `latencyMs` (settable at any time) before answering, and the server
 * counts requests in flight so a test can check that a concurrency level was really reached.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import sharp from 'sharp';

/** A custom route: gets the path segments after its own name. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  args: string[],
) => void | Promise<void>;

/** A running image server. */
export interface ImageServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Delay before every answer, in ms (the bench sets 250). */
  latencyMs: number;
  /** The small JPEG most routes serve. */
  readonly jpeg: Buffer;
  readonly png: Buffer;
  /** Requests so far, in flight now, and the most ever in flight at once. */
  readonly stats: { requests: number; inFlight: number; maxInFlight: number };
  /** How many times this path (with query) was requested. */
  hits(pathAndQuery: string): number;
  resetStats(): void;
  /** Adds or replaces a route (first path segment). */
  route(name: string, handler: RouteHandler): void;
  /** Serves `body` at exactly `path`. */
  file(path: string, body: Buffer, contentType: string): void;
  /** Stops, cutting any stalled or kept-alive connection. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 at a free port. */
export async function startImageServer(options: { latencyMs?: number } = {}): Promise<ImageServer> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  const png = await sharp({ create: { width: 32, height: 24, channels: 4, background: '#a37c' } })
    .png()
    .toBuffer();
  const photos = new Map<string, Promise<Buffer>>();
  const files = new Map<string, { body: Buffer; type: string }>();
  const hits = new Map<string, number>();
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0 };

  const send = (
    res: ServerResponse,
    status: number,
    body: Buffer | string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };
  const image = (res: ServerResponse, headers: Record<string, string> = {}) =>
    send(res, 200, jpeg, { 'content-type': 'image/jpeg', ...headers });
  /** Writes half the JPEG with a full Content-Length, so the client is mid-body. */
  const half = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) });
    res.write(jpeg.subarray(0, jpeg.length >> 1));
  };

  const routes = new Map<string, RouteHandler>([
    ['img', (_q, res) => image(res)],
    ['png', (_q, res) => send(res, 200, png, { 'content-type': 'image/png' })],
    ['octet', (_q, res) => send(res, 200, jpeg, { 'content-type': 'application/octet-stream' })],
    [
      'photo',
      async (_q, res, [size = '1600x1200']) => {
        const [w, h] = size.split('x').map(Number);
        if (!photos.has(size)) {
          const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
          photos.set(
            size,
            sharp({ create: { width: w!, height: h!, channels: 3, background: '#000', noise } })
              .jpeg({ quality: 90 })
              .toBuffer(),
          );
        }
        send(res, 200, await photos.get(size)!, { 'content-type': 'image/jpeg' });
      },
    ],
    [
      'status',
      (_q, res, [code = '500']) =>
        send(res, Number(code), `status ${code}\n`, { 'content-type': 'text/plain' }),
    ],
    [
      'flaky',
      (req, res, [times = '1', code = '503']) => {
        if (hits.get(req.url!)! <= Number(times))
          send(res, Number(code), 'try again\n', { 'content-type': 'text/plain' });
        else image(res);
      },
    ],
    [
      'retry-after',
      (req, res, [seconds = '1']) => {
        if (hits.get(req.url!)! <= 1)
          send(res, 429, 'slow down\n', { 'retry-after': seconds, 'content-type': 'text/plain' });
        else image(res);
      },
    ],
    [
      'redirect',
      (req, res, [n = '1', ...rest]) => {
        const left = Number(n);
        const query = req.url!.includes('?') ? req.url!.slice(req.url!.indexOf('?')) : '';
        const to = left <= 1 ? `/img/${rest.join('/')}` : `/redirect/${left - 1}/${rest.join('/')}`;
        send(res, 302, '', { location: `${to}${query}` });
      },
    ],
    [
      'loop',
      (_q, res, [which = 'a']) =>
        send(res, 302, '', { location: `/loop/${which === 'a' ? 'b' : 'a'}` }),
    ],
    [
      'html',
      (_q, res) =>
        send(
          res,
          200,
          '<!DOCTYPE html>\n<html><head><title>Not found</title></head><body>Sorry</body></html>\n',
          {
            'content-type': 'text/html; charset=utf-8',
          },
        ),
    ],
    ['stall', (_q, res) => half(res)],
    ['stall-headers', () => undefined],
    [
      'big',
      (_q, res, [bytes = '0']) =>
        send(res, 200, padded(jpeg, Number(bytes)), { 'content-type': 'image/jpeg' }),
    ],
    [
      'big-chunked',
      (_q, res, [bytes = '0']) => {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(padded(jpeg, Number(bytes)));
      },
    ],
    ['reset', (_q, res) => resetMidBody(res, half)],
    ['reset-once', (req, res) => (hits.get(req.url!)! <= 1 ? resetMidBody(res, half) : image(res))],
    [
      'disposition',
      (_q, res, [encoded = '']) =>
        image(res, {
          'content-disposition': `attachment; filename="${decodeURIComponent(encoded)}"`,
        }),
    ],
    [
      'slow',
      async (_q, res, [ms = '0']) => {
        await delay(Number(ms));
        image(res);
      },
    ],
  ]);

  const server = createServer((req, res) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => (stats.inFlight -= 1));
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    void (async () => {
      if (api.latencyMs > 0) await delay(api.latencyMs);
      const path = req.url!.split('?')[0]!;
      const file = files.get(path);
      if (file) return send(res, 200, file.body, { 'content-type': file.type });
      const [name = '', ...args] = path.split('/').filter((s) => s !== '');
      const handler = routes.get(name);
      if (!handler) return send(res, 404, 'no such route\n', { 'content-type': 'text/plain' });
      await handler(req, res, args);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: ImageServer = {
    origin,
    url: (path) => `${origin}${path.startsWith('/') ? '' : '/'}${path}`,
    latencyMs: options.latencyMs ?? 0,
    jpeg,
    png,
    stats,
    hits: (pathAndQuery) => hits.get(pathAndQuery) ?? 0,
    resetStats: () => {
      hits.clear();
      Object.assign(stats, { requests: 0, maxInFlight: stats.inFlight });
    },
    route: (name, handler) => void routes.set(name, handler),
    file: (path, body, type) => void files.set(path, { body, type }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return api;
}

/** The JPEG followed by zeros up to `bytes` (still starts like a JPEG, so only size matters). */
function padded(jpeg: Buffer, bytes: number): Buffer {
  if (bytes <= jpeg.length) return jpeg;
  const body = Buffer.alloc(bytes);
  jpeg.copy(body);
  return body;
}

/** Sends part of the body, then destroys the socket so the client sees a reset mid-body. */
function resetMidBody(res: ServerResponse, half: (res: ServerResponse) => void): void {
  half(res);
  // Let the partial body reach the client before the connection dies.
  setTimeout(() => res.socket?.resetAndDestroy?.() ?? res.destroy(), 20);
}
