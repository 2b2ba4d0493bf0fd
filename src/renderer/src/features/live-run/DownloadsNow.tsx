// A download run's network, in view (WebPageTest's habit): the downloads in flight with their
// address, how long, and bytes so far; the latest that needed retries. Processing workers, when
// the run processes too, are listed apart (WorkersNow).
import type { WorkerActivity } from '../../../../shared/contract.js';
import { formatBytes, formatDuration } from '../../../../shared/format-figures.js';

export function DownloadsNow({
  lanes,
  elapsedMs,
  running,
  bytesInFlight,
  retried,
}: {
  /** The fetchers' lanes (a download-only run's progress), or null when the engine does not report them. */
  lanes: readonly WorkerActivity[] | null;
  elapsedMs: number | null;
  running: boolean;
  bytesInFlight: ReadonlyMap<string, number>;
  retried: readonly { url: string; attempts: number; status: string }[];
}) {
  const inFlight = running ? (lanes ?? []).filter((l) => l.source !== null) : [];
  return (
    <section className="panel" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads now</h2>
      {lanes === null ? (
        <p className="muted">
          {running
            ? 'Downloading; each address is listed in Failures if it cannot be fetched.'
            : 'No download is running.'}
        </p>
      ) : inFlight.length === 0 ? (
        <p className="muted">
          {running ? 'Waiting for the next address…' : 'No download is running.'}
        </p>
      ) : (
        <ul className="workers downloads" role="list">
          {inFlight.map((l) => {
            const bytes = bytesInFlight.get(l.source!);
            const forMs =
              l.sinceMs !== null && elapsedMs !== null ? Math.max(0, elapsedMs - l.sinceMs) : null;
            return (
              <li key={l.workerId} className="busy">
                <span className="worker-name num">Slot {l.workerId + 1}</span>
                <span className="dot" aria-hidden="true" />
                <span className="truncate mono" title={l.source!}>
                  {shortUrl(l.source!)}
                </span>
                <span className="muted num">
                  {bytes !== undefined ? `${formatBytes(bytes)} · ` : ''}
                  {forMs !== null ? formatDuration(forMs) : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {retried.length > 0 ? (
        <>
          <h3 className="retried-title">Needed retries</h3>
          <ul className="small retried" role="list">
            {retried.map((r, i) => (
              <li key={`${r.url}-${i}`} className="truncate" title={r.url}>
                <span className="mono">{r.url}</span>{' '}
                <span className="muted">
                  — {r.attempts} attempts, {r.status === 'failed' ? 'failed' : 'saved'}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** "127.0.0.1:43295/…/slow-3.jpg": the host and the file, which tell downloads apart in a row. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const parts = u.pathname.split('/').filter(Boolean);
    const last = parts[parts.length - 1] ?? '';
    return parts.length > 1 ? `${u.host}/…/${last}` : `${u.host}/${last}`;
  } catch {
    return url;
  }
}
