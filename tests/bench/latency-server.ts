/**
 * The downloads bench's HTTP server, run in its own process (so it never shares an event loop
 * with what it measures): every answer waits `latency` ms, then sends a file from memory.
 *
 *   /small/<any name>          the small JPEG given on the command line
 *   /photo/<i>/<any name>      the i-th file of the photos folder
 *   /stats                     {"maxInFlight": n} since the last /stats?reset (no latency)
 *
 * usage: node --import tsx latency-server.ts LATENCY_MS SMALL_JPEG PHOTOS_DIR
 * Prints one line, {"origin": "http://127.0.0.1:PORT"}, once listening.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const [latencyText, smallPath, photosDir] = process.argv.slice(2);
const latency = Number(latencyText);
const small = readFileSync(smallPath!);
const photos = readdirSync(photosDir!)
  .filter((n) => n.endsWith('.jpg'))
  .sort()
  .map((n) => readFileSync(join(photosDir!, n)));
let inFlight = 0;
let maxInFlight = 0;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const [route, index] = url.pathname.split('/').slice(1);
  if (route === 'stats') {
    res.end(JSON.stringify({ maxInFlight }));
    if (url.searchParams.has('reset')) maxInFlight = 0;
    return;
  }
  const body = route === 'small' ? small : route === 'photo' ? photos[Number(index)] : undefined;
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight--;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(body.length) })
      .end(body);
  }, latency);
});
// Enough for 64 concurrent clients and their kept-alive sockets.
server.maxConnections = 1024;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(JSON.stringify({ origin: `http://127.0.0.1:${port}` }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
// The bench holds our stdin open; if it dies, we go too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
