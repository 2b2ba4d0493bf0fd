// Results of a stored run: its totals, every item with its sizes and saving (sortable,
// filterable), the before/after viewer, and the results in the user's hands: the zip (web
// shell), the output folder and "Show in folder" (desktop), and "Retry failed".
import { useEffect, useMemo, useState } from 'react';
import type { ItemRecord, RunRecord } from '../../../../shared/records.js';
import { formatCount, formatDuration } from '../../../../shared/format-figures.js';
import { sizeChangeText } from '../../../../shared/savings.js';
import { useClient } from '../../common/client-context.js';
import { ErrorBanner } from '../../common/Banner.js';
import { errorMessage } from '../../common/errors.js';
import { plural } from '../../common/format.js';
import { statusLabel } from '../../common/run-status.js';
import { useConnection } from '../../common/connection.js';
import { BeforeAfterViewer } from './BeforeAfterViewer.js';
import { ResultsTable } from './ResultsTable.js';
import { RESULT_SHOWS, RESULT_SORTS, resultRows, visibleRows } from './results-table.js';
import type { ResultRow, ResultShow, ResultSort } from './results-table.js';

export function ResultsView({
  active,
  runId,
  onStarted,
  onGoHistory,
}: {
  active: boolean;
  runId: number | null;
  /** A run started from here ("Retry failed"): shown on Live run. */
  onStarted: (runId: number) => void;
  onGoHistory: () => void;
}) {
  const client = useClient();
  const { online, epoch } = useConnection();
  const [data, setData] = useState<{ run: RunRecord; items: ItemRecord[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<ResultSort>('order');
  const [show, setShow] = useState<ResultShow>('all');
  const [text, setText] = useState('');
  const [open, setOpen] = useState<ResultRow | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!active || runId === null) return;
    let stale = false;
    client.invoke('runs:get', { runId }).then(
      (d) => {
        if (stale) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => {
        if (!stale) setError(`Could not read run ${runId}: ${errorMessage(e)}`);
      },
    );
    return () => {
      stale = true;
    };
  }, [client, active, runId, epoch]);

  const current = data && data.run.id === runId ? data : null;
  const rows = useMemo(() => (current ? resultRows(current.items) : []), [current]);
  const shown = useMemo(() => visibleRows(rows, sort, { show, text }), [rows, sort, show, text]);

  if (runId === null) {
    return (
      <div className="screen-inner">
        <div className="screen-head">
          <h1>Results</h1>
        </div>
        <div className="empty">
          <h2>No run chosen</h2>
          <p>
            Choose Results on a run in History, or when a run is done, to see every photo with its
            saving.
          </p>
          <div className="row center">
            <button className="primary" onClick={onGoHistory}>
              Open History
            </button>
          </div>
        </div>
      </div>
    );
  }

  const run = current?.run ?? null;
  const act = (f: () => Promise<void>) => async () => {
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
  const zipUrl = run && client.resultsZipUrl ? client.resultsZipUrl(run.id) : null;
  const photos = run ? (run.kind === 'download' ? 'files' : 'photos') : 'photos';

  return (
    <div className="screen-inner results-screen">
      <div className="screen-head">
        <h1 data-run-id={runId}>Results</h1>
        <span className="sub">
          Run #{runId}
          {run?.label ? ` · ${run.label}` : ''}
          {run ? ` · ${statusLabel(run.status)}` : ''}
        </span>
      </div>
      {error ? <ErrorBanner>{error}</ErrorBanner> : null}
      {!run ? (
        <p className="muted" role="status">
          {error ? '' : `Reading run ${runId}…`}
        </p>
      ) : (
        <>
          <p className="results-totals" data-testid="results-totals">
            <strong>{plural(run.ok, photos.slice(0, -1))}</strong>
            {' · '}
            {sizeChangeText(run)}
            {' · '}
            {formatDuration(run.wallMs)}
            {run.failed > 0 ? (
              <span className="danger"> · {formatCount(run.failed)} failed</span>
            ) : null}
          </p>
          <div className="row toolbar">
            {zipUrl && run.ok > 0 ? (
              <a className="button primary" href={zipUrl} download>
                Download results (.zip)
              </a>
            ) : null}
            {client.openOutputFolder ? (
              <button
                onClick={act(() => client.openOutputFolder!(run.id))}
                disabled={busy || !online}
              >
                Open output folder
              </button>
            ) : null}
            {run.failed > 0 && run.status !== 'running' ? (
              <button
                onClick={act(async () =>
                  onStarted((await client.invoke('runs:retryFailed', { runId: run.id })).runId),
                )}
                disabled={busy || !online}
                title="Process just the failed photos again, as a new run linked to this one"
              >
                Retry failed ({formatCount(run.failed)})
              </button>
            ) : null}
          </div>
          <div className="row toolbar" role="search">
            <label className="visually-hidden" htmlFor="results-query">
              Filter photos
            </label>
            <input
              id="results-query"
              type="search"
              placeholder="Filter by name or folder"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <label className="row">
              <span className="muted">Show</span>
              <select value={show} onChange={(e) => setShow(e.target.value as ResultShow)}>
                {Object.entries(RESULT_SHOWS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="row">
              <span className="muted">Sort</span>
              <select value={sort} onChange={(e) => setSort(e.target.value as ResultSort)}>
                {Object.entries(RESULT_SORTS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted" role="status">
              {formatCount(shown.length)} of {formatCount(rows.length)}
            </span>
          </div>
          <ResultsTable
            rows={shown}
            total={rows.length}
            sort={sort}
            onSort={setSort}
            onOpen={setOpen}
            {...(client.fileUrl
              ? { downloadUrl: (r: ResultRow) => client.fileUrl!(run.id, r.seq, 'output', true) }
              : {})}
            {...(client.revealInFolder
              ? {
                  onReveal: (r: ResultRow) =>
                    void act(() => client.revealInFolder!(run.id, r.seq))(),
                }
              : {})}
          />
          {open && client.fileUrl ? (
            <BeforeAfterViewer
              key={open.seq}
              row={open}
              beforeUrl={client.fileUrl(run.id, open.seq, 'input')}
              afterUrl={client.fileUrl(run.id, open.seq, 'output')}
              onClose={() => setOpen(null)}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
