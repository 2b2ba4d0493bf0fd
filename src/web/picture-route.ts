/**
 * The web shell's picture route (`/pictures/…`, behind the token guard like every request):
 * thumbnails and previews the picture service resolves, with `Cache-Control` and an ETag; 404
 * for anything it does not know or does not allow (see src/engine/thumbnail-access.ts).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PictureService } from '../engine/picture-service.js';

function notFound(res: ServerResponse): void {
  res
    .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    .end('Not found.');
}

/** Answers a GET/HEAD for `rawPath` (the URL's path, still encoded). */
export async function servePicture(
  req: IncomingMessage,
  res: ServerResponse,
  pictures: PictureService,
  rawPath: string,
): Promise<void> {
  req.resume();
  // Decoded segments may not carry a separator or `..`: `%2F` and `%2E%2E` are refused here.
  let path: string;
  try {
    const segments = rawPath.split('/').map((s) => decodeURIComponent(s));
    if (segments.some((s) => s.includes('/') || s.includes('\\') || s === '..' || s === '.'))
      return notFound(res);
    path = segments.join('/');
  } catch {
    return notFound(res);
  }
  const picture = await pictures.respond(path);
  if (!picture) return notFound(res);
  if (picture.file === null) {
    const body = picture.body ?? Buffer.alloc(0);
    res.writeHead(200, {
      'Content-Type': picture.contentType,
      'Cache-Control': picture.cacheControl,
      'Content-Length': body.length,
    });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  const info = await stat(picture.file).catch(() => null);
  if (!info?.isFile()) return notFound(res);
  const headers = {
    'Content-Type': picture.contentType,
    'Cache-Control': picture.cacheControl,
    ETag: picture.etag,
  };
  if (req.headers['if-none-match'] === picture.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(picture.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
