/**
 * Who may talk to the web shell: a request to the loopback address and port it listens on
 * (Host checked, so a DNS-rebinding page under another name is refused), from its own origin when
 * the browser says one (Origin checked), carrying the per-launch token in the cookie set from the
 * first URL, in `Authorization: Bearer …`, or in `?token=` on that first URL. Everything else: 403.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh per-launch token: 256 random bits, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The cookie's name carries the port: cookies are not kept apart by port, and two shells on one
 * machine must not overwrite each other's token.
 */
export function tokenCookieName(port: number): string {
  return `photobatch_token_${port}`;
}

/** `Set-Cookie` value for the token: HttpOnly (no script reads it), SameSite=Strict, whole site. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * What the guard decided. `fromQuery`: the token came in the URL, so the page should set the
 * cookie. `staleToken`: a token was given but is not this launch's (a page or cookie from before
 * a restart), so the refusal can say what happened.
 */
export type GuardDecision =
  { ok: true; fromQuery: boolean } | { ok: false; reason: string; staleToken: boolean };

/** The two names a browser on this machine may use for the shell; nothing else. */
function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function bearer(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

/** Checks one request (HTTP or WebSocket upgrade) against the shell's port and token. */
export function checkRequest(req: IncomingMessage, port: number, token: string): GuardDecision {
  const host = req.headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) {
    return {
      ok: false,
      reason: `the Host header "${host ?? ''}" is not this shell's address`,
      staleToken: false,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return {
      ok: false,
      reason: `requests from the page at ${origin} are not allowed`,
      staleToken: false,
    };
  }
  const cookie = cookieValue(req.headers.cookie, tokenCookieName(port));
  if (sameTokenOrNull(cookie, token)) return { ok: true, fromQuery: false };
  const auth = bearer(req.headers.authorization);
  if (sameTokenOrNull(auth, token)) return { ok: true, fromQuery: false };
  const query = new URL(req.url ?? '/', 'http://placeholder').searchParams.get('token');
  if (sameTokenOrNull(query, token)) return { ok: true, fromQuery: true };
  const given = cookie !== null || auth !== null || query !== null;
  return {
    ok: false,
    reason: given ? 'the token is from an earlier launch' : 'the token is missing',
    staleToken: given,
  };
}

function sameTokenOrNull(given: string | null, token: string): boolean {
  return given !== null && sameToken(given, token);
}
