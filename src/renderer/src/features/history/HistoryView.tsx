// History: every stored run, from the window and from the command line (one database).
// Filter, delete, re-run, compare; "Compare with 1 worker" measures the parallel speedup.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunKind, RunRecord, RunStatus } from '../../../../shared/records.js';
import { RUN_KINDS, RUN_STATUSES } from '../../../../shared/records.js';
import { useClient } from '../../common/client-context.js';
import { ErrorBanner } from '../../common/Banner.js';
import { errorMessage } from '../../common/errors.js';
import { plural } from '../../common/format.js';
import { statusLabel } from '../../common/run-status.js';
import { runParallelism } from '../../../../shared/run-figures.js';
import { runMatches } from './history-filter.js';
import { HistoryRow } from './HistoryRow.js';
import { sortRuns } from './history-sort.js';
import type { HistorySortKey, SortDirection } from './history-sort.js';
import { SortHeader } from './SortHeader.js';
import { useConnection } from '../../common/connection.js';

const LIMIT = 2000;

export function HistoryView({
  active,
  onCompare,
  onRerunStarted,
  onCompareWithOneWorker,
  onGo,
  onShowResults,
}: {
  active: boolean;
  onCompare: (runIds: number[], baseline: number | null) => void;
  /** Shows a run on the Live run screen (a re-run just started, or one still running). */
  onRerunStarted: (runId: number) => void;
  onCompareWithOneWorker: (runId: number) => Promise<void>;
  onGo: (screen: 'process' | 'download') => void;
  /** Opens the Results view of a run. */
  onShowResults?: (runId: number) => void;
}) {
  const client = useClient();
  const { online, epoch } = useConnection();
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  const [kind, setKind] = useState<RunKind | ''>('');
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sort, setSort] = useState<{ key: HistorySortKey; direction: SortDirection }>({
    key: 'started',
    direction: 'desc',
  });
  const sortBy = (key: HistorySortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key ? (s.direction === 'desc' ? 'asc' : 'desc') : 'desc',
    }));

  const load = useCallback(() => {
    client
      .invoke('runs:list', {
        limit: LIMIT,
        ...(kind ? { kind } : {}),
        ...(status ? { status } : {}),
      })
      .then(
        (r) => {
          setRuns(r.runs);
          setError(null);
        },
        (e: unknown) => setError(`Could not read the run history: ${errorMessage(e)}`),
      );
  }, [client, kind, status]);

  // Again after every reconnection: what was read before the engine went away may be stale.
  useEffect(() => {
    if (active) load();
  }, [active, load, epoch]);
  // Runs that start or end while History is open appear without a manual refresh.
  useEffect(
    () =>
      client.onEvent((e) => {
        if (active && (e.name === 'run:started' || e.name === 'run:finished')) load();
      }),
    [client, active, load],
  );

  const shown = useMemo(
    () =>
      sortRuns(
        (runs ?? []).filter((r) => runMatches(r, query)),
        sort.key,
        sort.direction,
      ),
    [runs, query, sort],
  );
  const sortProps = { current: sort.key, direction: sort.direction, onSort: sortBy };

  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const compareSelected = () => {
    const chosen = (runs ?? []).filter((r) => selected.has(r.id)).sort((a, b) => a.id - b.id);
    // Baseline: the least parallel run, so speedups read as "× faster than that".
    const baseline = [...chosen].sort(
      (a, b) => runParallelism(a) - runParallelism(b) || a.id - b.id,
    )[0];
    onCompare(
      chosen.map((r) => r.id),
      baseline?.id ?? null,
    );
  };

  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="screen-inner">
      <div className="screen-head">
        <h1>History</h1>
        <span className="sub">
          Every run, from this window and from the photobatch command line.
        </span>
      </div>
      <div className="row toolbar" role="search">
        <label className="visually-hidden" htmlFor="history-query">
          Filter runs
        </label>
        <input
          id="history-query"
          type="search"
          placeholder="Filter by name, folder or #id"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="row">
          <span className="muted">Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as RunKind | '')}>
            <option value="">All</option>
            {RUN_KINDS.map((k) => (
              <option key={k} value={k}>
                {k === 'process' ? 'Process' : 'Download'}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          <span className="muted">Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
            <option value="">All</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <button onClick={load}>Refresh</button>
        <span className="grow" />
        <button className="primary" disabled={selected.size === 0} onClick={compareSelected}>
          {selected.size >= 2
            ? `Compare ${selected.size} runs`
            : selected.size === 1
              ? 'Show timeline'
              : 'Compare'}
        </button>
      </div>
      {error ? <ErrorBanner>{error}</ErrorBanner> : null}
      {runs === null ? (
        <p className="muted" role="status">
          {error
            ? ''
            : online
              ? 'Reading the history…'
              : 'The history shows once the engine is back.'}
        </p>
      ) : runs.length === 0 && !kind && !status ? (
        <div className="empty">
          <h2>No runs yet</h2>
          <p>
            Process a folder or download a list of images, and each run is kept here with its
            settings and timings. Runs from the command line (photobatch process …) show here too.
          </p>
          <div className="row center">
            <button className="primary" onClick={() => onGo('process')}>
              Process photos
            </button>
            <button onClick={() => onGo('download')}>Download images</button>
          </div>
        </div>
      ) : shown.length === 0 ? (
        <div className="empty">
          <h2>No run matches</h2>
          <p>Clear the filter or choose another kind or status.</p>
        </div>
      ) : (
        <>
          <p className="muted" role="status">
            {plural(shown.length, 'run')}
            {selected.size > 0
              ? ` · ${selected.size} selected — tick two or more and press Compare`
              : ' · tick two or more to compare them'}
          </p>
          <div className="table-scroll">
            <table className="data history">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th>Run</th>
                  <SortHeader label="Date" sortKey="started" {...sortProps} />
                  <th className="col-kind">Kind</th>
                  <th>Name</th>
                  <th className="n">Items</th>
                  <SortHeader label="Wall time" sortKey="wall" className="n" {...sortProps} />
                  <th className="n col-rate">Images/s</th>
                  <SortHeader
                    label="Size"
                    sortKey="size"
                    className="n col-size"
                    title="Bytes of the inputs → of the outputs, over the images that produced one"
                    {...sortProps}
                  />
                  <SortHeader
                    label="Saved"
                    sortKey="saved"
                    className="n"
                    title="Bytes saved and the change against the inputs"
                    {...sortProps}
                  />
                  <th>Status</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((run) => (
                  <HistoryRow
                    key={run.id}
                    run={run}
                    selected={selected.has(run.id)}
                    busy={busy || !online}
                    onSelect={(on) => toggle(run.id, on)}
                    onRerun={() =>
                      void act(async () =>
                        onRerunStarted(
                          (await client.invoke('runs:rerun', { runId: run.id })).runId,
                        ),
                      )
                    }
                    onResume={() =>
                      void act(async () =>
                        onRerunStarted(
                          (await client.invoke('runs:resume', { runId: run.id })).runId,
                        ),
                      )
                    }
                    onCompareOne={() => void act(() => onCompareWithOneWorker(run.id))}
                    {...(onShowResults ? { onResults: () => onShowResults(run.id) } : {})}
                    onRetryFailed={() =>
                      void act(async () =>
                        onRerunStarted(
                          (await client.invoke('runs:retryFailed', { runId: run.id })).runId,
                        ),
                      )
                    }
                    onWatch={() => onRerunStarted(run.id)}
                    onDelete={() =>
                      void act(async () => {
                        await client.invoke('runs:delete', { runId: run.id });
                        toggle(run.id, false);
                        load();
                      })
                    }
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
