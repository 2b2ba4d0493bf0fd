/**
 * Pictures on the app's own origin: `app://photobatch/pictures/…` answers thumbnails and previews
 * from the engine's picture service (made in worker processes, confined by
 * src/engine/thumbnail-access.ts), like the web shell's route; anything else is a 404. Only the
 * app's window loads app:// URLs, so no token is needed here.
 */
import { readFile } from 'node:fs/promises';
import type { PictureService } from '../engine/picture-service.js';

const notFound = () => new Response('Not found', { status: 404 });

/** The answer to a picture URL's path (still encoded). */
export async function pictureResponse(
  pictures: PictureService,
  rawPath: string,
  request: Request,
): Promise<Response> {
  let decoded: string;
  try {
    const segments = rawPath.split('/').map((s) => decodeURIComponent(s));
    if (segments.some((s) => s.includes('/') || s.includes('\\') || s === '..' || s === '.'))
      return notFound();
    decoded = segments.join('/');
  } catch {
    return notFound();
  }
  const picture = await pictures.respond(decoded);
  if (!picture) return notFound();
  const headers = {
    'Content-Type': picture.contentType,
    'Cache-Control': picture.cacheControl,
    ETag: picture.etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (picture.file !== null && request.headers.get('if-none-match') === picture.etag)
    return new Response(null, { status: 304, headers });
  const body: Uint8Array | null =
    picture.file === null ? (picture.body ?? null) : await readFile(picture.file).catch(() => null);
  return body ? new Response(new Uint8Array(body), { headers }) : notFound();
}
