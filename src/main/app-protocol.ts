/**
 * The window's own origin, `app://photobatch`, serving the built renderer. A custom protocol
 * instead of file:// (Electron's security checklist): the page gets a real origin to check IPC
 * senders against, cannot read other local files, and every answer carries the CSP header.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PICTURES_PATH } from '../shared/pictures.js';
import type { PictureService } from '../engine/picture-service.js';
import { pictureResponse } from './picture-protocol.js';

/** Scheme and host of the window's pages. */
export const APP_SCHEME = 'app';
/** The origin IPC senders must have in a packaged or built app. */
export const APP_ORIGIN = `${APP_SCHEME}://photobatch`;

/**
 * Scripts and styles from the app only (inline styles for React's style props), images also from
 * data:/blob: (previews), no connections anywhere, no plugins, no framing, no form posts.
 */
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: makes `app:` a standard, secure scheme with fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The file under `rootDir` a URL asks for, or null when it is not this app's or leaves the folder. */
export function fileForAppUrl(rootDir: string, url: string): string | null {
  const parsed = new URL(url);
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  const root = path.resolve(rootDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!file.startsWith(root + path.sep)) return path.join(root, 'index.html');
  return path.extname(file) ? file : path.join(root, 'index.html');
}

/**
 * Serves `rootDir` on `app://photobatch/…` (call once the app is ready), and the window's
 * pictures on `app://photobatch/pictures/…` and a run's files (`extra`). `rootDir` null (dev
 * server): pictures and files only.
 */
export function serveAppProtocol(
  rootDir: string | null,
  pictures: () => PictureService,
  extra: (url: URL) => Promise<Response | null> = async () => null,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const parsed = new URL(request.url);
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) {
      if (parsed.pathname.startsWith(`${PICTURES_PATH}/`)) {
        return pictureResponse(pictures(), parsed.pathname, request).catch(
          () => new Response('Not found', { status: 404 }),
        );
      }
      // `extra` answers the paths it knows (a run's files), null for the rest.
      const answer = await extra(parsed).catch(() => new Response('Not found', { status: 404 }));
      if (answer) return answer;
    }
    if (rootDir === null) return new Response('Not found', { status: 404 });
    const file = fileForAppUrl(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, {
        headers: {
          'Content-Type': type,
          'Content-Security-Policy': DESKTOP_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
