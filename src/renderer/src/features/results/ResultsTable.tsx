// A run's items as a table: name, dimensions in → out, bytes in → out, saving, time, worker.
// Virtualised: 20,000 rows render only the few dozen on screen. Headings sort; a row's name
// opens the before/after viewer.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatBytes, formatCount, formatDuration } from '../../../../shared/format-figures.js';
import { formatSizePercent } from '../../../../shared/savings.js';
import type { ResultRow, ResultSort } from './results-table.js';

const ROW = 36;

function dims(w: number | null, h: number | null): string {
  return w !== null && h !== null ? `${w}×${h}` : '—';
}

function Heading({
  label,
  sort,
  current,
  onSort,
  className,
}: {
  label: string;
  sort?: ResultSort;
  current: ResultSort;
  onSort: (s: ResultSort) => void;
  className?: string;
}) {
  const active = sort !== undefined && sort === current;
  return (
    <div
      role="columnheader"
      className={className}
      aria-sort={active ? (sort === 'name' ? 'ascending' : 'descending') : undefined}
    >
      {sort ? (
        <button type="button" className="sort-button" onClick={() => onSort(sort)}>
          {label}
          <span aria-hidden="true">{active ? (sort === 'name' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      ) : (
        label
      )}
    </div>
  );
}

export function ResultsTable({
  rows,
  total,
  sort,
  onSort,
  onOpen,
  downloadUrl,
  onReveal,
}: {
  rows: readonly ResultRow[];
  /** Items of the run before filtering, for the table's row count. */
  total: number;
  sort: ResultSort;
  onSort: (s: ResultSort) => void;
  onOpen: (row: ResultRow) => void;
  /** Web shell: where an output is saved from; absent elsewhere. */
  downloadUrl?: (row: ResultRow) => string;
  /** Desktop: shows an output in its folder; absent elsewhere. */
  onReveal?: (row: ResultRow) => void;
}) {
  const scroller = useRef<HTMLDivElement | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const heading = { current: sort, onSort };
  return (
    <div
      className="results-table"
      role="table"
      aria-label={`Items of the run, ${formatCount(rows.length)} of ${formatCount(total)} shown`}
      aria-rowcount={rows.length + 1}
    >
      <div role="rowgroup">
        <div role="row" className="results-row head" aria-rowindex={1}>
          <Heading label="Name" sort="name" {...heading} />
          <Heading label="Dimensions" {...heading} className="n" />
          <Heading label="Size" sort="largest" {...heading} className="n" />
          <Heading label="Saved" sort="saving" {...heading} className="n" />
          <Heading label="Time" sort="slowest" {...heading} className="n" />
          <Heading label="Worker" {...heading} className="n" />
          <Heading label="Status" sort="failed" {...heading} />
          <div role="columnheader">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div ref={scroller} className="results-scroll" role="rowgroup" tabIndex={-1}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const r = rows[v.index]!;
            const percent = formatSizePercent(r.percent);
            return (
              <div
                key={r.seq}
                role="row"
                aria-rowindex={v.index + 2}
                className={`results-row status-${r.status}`}
                style={{ transform: `translateY(${v.start}px)`, height: ROW }}
                data-seq={r.seq}
              >
                <div role="cell" className="truncate">
                  {r.hasOutput ? (
                    <button
                      type="button"
                      className="link truncate"
                      onClick={() => onOpen(r)}
                      title={`Compare before and after: ${r.source}`}
                    >
                      {r.name}
                    </button>
                  ) : (
                    <span title={r.source}>{r.name}</span>
                  )}
                </div>
                <div role="cell" className="n nowrap">
                  {dims(r.widthIn, r.heightIn)} → {dims(r.widthOut, r.heightOut)}
                </div>
                <div role="cell" className="n nowrap">
                  {formatBytes(r.bytesIn)}
                  {r.bytesOut !== null ? ` → ${formatBytes(r.bytesOut)}` : ''}
                </div>
                <div
                  role="cell"
                  className={`n nowrap${r.savedBytes !== null && r.savedBytes < 0 ? ' danger' : ''}`}
                  title={
                    r.savedBytes !== null && r.savedBytes < 0
                      ? 'The output is larger than the input'
                      : undefined
                  }
                >
                  {percent ?? '—'}
                </div>
                <div role="cell" className="n nowrap">
                  {formatDuration(r.ms)}
                </div>
                <div role="cell" className="n">
                  {r.workerId !== null ? r.workerId + 1 : '—'}
                </div>
                <div role="cell" className="truncate">
                  {r.status === 'ok' ? (
                    <span className="ok" title={r.error ?? undefined}>
                      Done{r.error ? `: ${r.error}` : ''}
                    </span>
                  ) : (
                    <span
                      className={r.status === 'failed' ? 'danger' : 'muted'}
                      title={r.error ?? undefined}
                    >
                      {r.status === 'failed'
                        ? 'Failed'
                        : r.status === 'skipped'
                          ? 'Skipped'
                          : 'Not done'}
                      {r.error ? `: ${r.error}` : ''}
                    </span>
                  )}
                </div>
                <div role="cell" className="nowrap">
                  {r.hasOutput && downloadUrl ? (
                    <a
                      className="button small"
                      href={downloadUrl(r)}
                      download
                      aria-label={`Download ${r.name}`}
                    >
                      Download
                    </a>
                  ) : null}
                  {r.hasOutput && onReveal ? (
                    <button
                      type="button"
                      className="small"
                      onClick={() => onReveal(r)}
                      aria-label={`Show ${r.name} in its folder`}
                    >
                      Show in folder
                    </button>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
