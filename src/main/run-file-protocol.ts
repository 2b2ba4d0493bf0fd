/**
 * The desktop window's run files on its own origin: `app://photobatch/files/<runId>/<seq>/<side>`,
 * the same paths as the web shell's and the same rule (src/engine/run-files.ts): the path comes
 * from the store, its real path must lie in the run's inputs or output folder, anything else 404.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  attachmentHeader,
  contentTypeOf,
  parseRunFilePath,
  RUN_FILES_PREFIX,
} from '../shared/run-file-paths.js';
import { resolveRunFile } from '../engine/run-files.js';
import type { RunFileStore } from '../engine/run-files.js';

const notFound = () => new Response('Not found', { status: 404 });

/**
 * The answer to an app:// request under /files/, or null when the path is not a run file's (the
 * protocol then serves the window's own files). The zip is the web shell's: here the window
 * opens the output folder instead.
 */
export async function runFileResponse(
  store: RunFileStore,
  url: URL,
  csp: string,
): Promise<Response | null> {
  if (!url.pathname.startsWith(RUN_FILES_PREFIX)) return null;
  const asked = parseRunFilePath(url.pathname);
  if (!asked || asked.kind !== 'file') return notFound();
  const file = await resolveRunFile(store, asked.runId, asked.seq, asked.side);
  if (!file.ok) return notFound();
  const headers: Record<string, string> = {
    'Content-Type': contentTypeOf(file.path),
    'Content-Length': String(file.size),
    'Cache-Control': 'private, no-cache',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
  };
  if (url.searchParams.get('download') === '1')
    headers['Content-Disposition'] = attachmentHeader(path.basename(file.relativePath));
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers });
}
