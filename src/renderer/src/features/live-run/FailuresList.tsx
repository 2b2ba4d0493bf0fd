// Failures of a run, each with its file or URL and the reason in words. Virtualised: a run with
// thousands of failures scrolls as smoothly as one with three.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LiveFailure } from '../../common/run-tracker.js';
import { formatCount } from '../../../../shared/format-figures.js';
import { baseName } from '../../common/format.js';

const ROW = 46;

export function FailuresList({
  failures,
  count,
}: {
  failures: readonly LiveFailure[];
  count: number;
}) {
  const scroller = useRef<HTMLDivElement | null>(null);
  // Not memoised by the React Compiler (which this build does not run); TanStack Virtual is fine without it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  return (
    <section className="panel" aria-labelledby="failures-title">
      <h2 id="failures-title">
        Failures <span className="muted num">({formatCount(count)})</span>
      </h2>
      {count === 0 ? (
        <p className="muted">
          No failures so far. A file that cannot be read or written, or an address that cannot be
          fetched, is listed here with the reason.
        </p>
      ) : (
        <div
          ref={scroller}
          className="failures-scroll"
          style={{ height: Math.min(count * ROW, 320) + 2 }}
          tabIndex={0}
          aria-label={`${formatCount(count)} failures, scrollable`}
        >
          <ul role="list" style={{ height: virtual.getTotalSize() }} className="failures">
            {virtual.getVirtualItems().map((row) => {
              const f = failures[row.index]!;
              return (
                <li
                  key={row.key}
                  className="failure"
                  aria-setsize={count}
                  aria-posinset={row.index + 1}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW }}
                >
                  <span className="truncate" title={f.source}>
                    <strong>{baseName(f.source)}</strong>{' '}
                    <span className="muted mono">{f.source}</span>
                  </span>
                  <span className="danger truncate" title={f.error}>
                    {f.error}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
