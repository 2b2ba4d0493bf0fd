/**
 * The web shell's run files: `GET /files/<runId>/<seq>/<input|output>` (the image itself, or
 * with `?download=1` as an attachment) and `GET /files/<runId>/results.zip`. The token guard has
 * already passed; what may be read is decided by src/engine/run-files.ts alone. Anything refused
 * is a plain 404, so the answer tells nothing of what exists outside a run.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import {
  attachmentHeader,
  contentTypeOf,
  parseRunFilePath,
  RUN_FILES_PREFIX,
} from '../shared/run-file-paths.js';
import type { RunStore } from '../db/run-store.js';
import { resolveRunFile } from '../engine/run-files.js';
import { streamResultsZip } from './results-zip.js';

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('Not found.\n');
}

/** True when `pathname` is a run file's; the shell then leaves the answer to `serveRunFiles`. */
export function isRunFilePath(pathname: string): boolean {
  return pathname.startsWith(RUN_FILES_PREFIX);
}

/** Answers a GET/HEAD under /files/. Never throws for a refusal; 404 for anything not allowed. */
export async function serveRunFiles(
  req: IncomingMessage,
  res: ServerResponse,
  store: RunStore,
  url: URL,
): Promise<void> {
  req.resume();
  const asked = parseRunFilePath(url.pathname);
  if (!asked || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound(res);
  if (asked.kind === 'zip') {
    const run = store.getRun(asked.runId);
    if (!run) return notFound(res);
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Cache-Control': 'no-store' });
      return void res.end();
    }
    await streamResultsZip(res, run, store.itemsWithStatus(run.id, ['ok']));
    return;
  }
  const file = await resolveRunFile(store, asked.runId, asked.seq, asked.side);
  if (!file.ok) return notFound(res);
  // The same path can be written again by a re-run: the browser may keep it, but must ask.
  const etag = `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`;
  const headers: Record<string, string | number> = {
    'Content-Type': contentTypeOf(file.path),
    'Cache-Control': 'private, no-cache',
    ETag: etag,
  };
  if (url.searchParams.get('download') === '1')
    headers['Content-Disposition'] = attachmentHeader(path.basename(file.relativePath));
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  headers['Content-Length'] = file.size;
  if (req.method === 'HEAD') {
    res.writeHead(200, headers);
    return void res.end();
  }
  const stream = createReadStream(file.path);
  await new Promise<void>((resolve) => {
    stream.once('open', () => {
      res.writeHead(200, headers);
      stream.pipe(res);
    });
    stream.once('error', () => {
      if (!res.headersSent) notFound(res);
      else res.destroy();
      resolve();
    });
    stream.once('close', resolve);
    res.once('close', () => stream.destroy());
  });
}
