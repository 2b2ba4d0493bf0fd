/**
 * What a browser shows when the shell refuses a page: words, not a bare "Forbidden". A token from
 * an earlier launch is the usual case (the shell was restarted and printed a new address), so the
 * page says exactly that. Plain HTML, no script: it must work under the shell's strict policy.
 */
import type { GuardDecision } from './token-guard.js';

/** The refusal as a small HTML page, for a browser asking for a page (not the API). */
export function refusalPage(decision: Extract<GuardDecision, { ok: false }>): string {
  const [title, advice] = decision.staleToken
    ? [
        'Photobatch was restarted: open the new address it printed.',
        'This address belongs to an earlier launch of <code>photobatch serve</code>, and each launch has its own key. Open the address it printed when it last started (it ends in <code>?token=…</code>); pages already open reconnect once you have.',
      ]
    : [
        'Open the address Photobatch printed.',
        '<code>photobatch serve</code> printed an address ending in <code>?token=…</code> when it started; only that address opens the window.',
      ];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Photobatch: open the new address</title>
<meta name="color-scheme" content="light dark"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em; line-height: 1.5">
<h1 style="font-size: 1.3em">${title}</h1>
<p>${advice}</p>
<p style="opacity: 0.8">(Refused because ${escapeHtml(decision.reason)}.)</p>
</body>
</html>
`;
}

/** True when the request is a browser loading a page (so HTML helps), not a script or the API. */
export function wantsPage(accept: string | undefined, method: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && (accept ?? '').includes('text/html');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
