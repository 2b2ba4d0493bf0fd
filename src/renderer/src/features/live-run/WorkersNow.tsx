// What each worker is doing right now (DevTools-style: one row per worker).
import type { WorkerActivity } from '../../../../shared/contract.js';
import { formatDuration } from '../../../../shared/format-figures.js';
import { baseName } from '../../common/format.js';

export function WorkersNow({
  workers,
  elapsedMs,
  running,
}: {
  workers: readonly WorkerActivity[];
  elapsedMs: number | null;
  running: boolean;
}) {
  const sorted = [...workers].sort((a, b) => a.workerId - b.workerId);
  return (
    <section className="panel" aria-labelledby="workers-title">
      <h2 id="workers-title">Workers now</h2>
      {sorted.length === 0 ? (
        <p className="muted">{running ? 'Starting workers…' : 'No worker is running.'}</p>
      ) : (
        <ul className="workers" role="list">
          {sorted.map((w) => {
            const busy = running && w.source !== null;
            const forMs =
              busy && w.sinceMs !== null && elapsedMs !== null
                ? Math.max(0, elapsedMs - w.sinceMs)
                : null;
            return (
              <li key={w.workerId} className={busy ? 'busy' : 'idle'}>
                <span className="worker-name num">Worker {w.workerId + 1}</span>
                <span className="dot" aria-hidden="true" />
                <span className="truncate" title={w.source ?? undefined}>
                  {busy ? baseName(w.source!) : <span className="muted">idle</span>}
                </span>
                <span className="muted num">{forMs !== null ? formatDuration(forMs) : ''}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
