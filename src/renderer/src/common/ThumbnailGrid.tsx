// A virtualised grid of thumbnails: only the rows in view are in the DOM, so 20,000 photos cost
// what 50 do. Each cell is a button when the grid selects (arrow keys move, Enter picks), with
// its picture's alt text the file's name; cells can be marked (failed, grew larger).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** One cell as the grid shows it. */
export interface ThumbnailCell {
  key: string | number;
  /** The picture's URL; null: none (yet), a placeholder shows. */
  src: string | null;
  /** The file's name: the picture's alt text and the cell's first line. */
  name: string;
  /** A second line (a size, a saving). */
  caption?: string;
  /** The second line's tooltip, when it says more than fits. */
  title?: string;
  /** A mark: `failed` (with its reason as `caption`) or `larger` (the output grew). */
  mark?: 'failed' | 'larger' | null;
}

const CELL_WIDTH = 148;
const CELL_HEIGHT = 172;

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) =>
      setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export function ThumbnailGrid({
  count,
  cell,
  label,
  selected = null,
  onSelect,
  maxHeight = 420,
}: {
  count: number;
  /** The cell at `index` (called only for cells in view). */
  cell: (index: number) => ThumbnailCell;
  /** What the grid holds, for assistive technology: "24 photos". */
  label: string;
  selected?: number | null;
  onSelect?: (index: number) => void;
  maxHeight?: number;
}) {
  const [scroller, width] = useWidth();
  const columns = Math.max(1, Math.floor(width / CELL_WIDTH));
  const rows = Math.ceil(count / columns);
  // Not memoised by the React Compiler (which this build does not run); TanStack Virtual is fine without it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => CELL_HEIGHT,
    overscan: 3,
  });

  const move = (e: KeyboardEvent) => {
    if (!onSelect || count === 0) return;
    const step: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
    };
    const delta = step[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    const next = Math.min(count - 1, Math.max(0, (selected ?? -delta) + delta));
    onSelect(next);
    virtual.scrollToIndex(Math.floor(next / columns));
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-cell="${next}"]`)?.focus(),
    );
  };

  return (
    <div
      ref={scroller}
      className="thumb-grid"
      style={{ height: Math.min(rows * CELL_HEIGHT + 4, maxHeight) }}
      role="region"
      aria-label={`${label}, scrollable`}
      tabIndex={-1}
      onKeyDown={move}
    >
      <ul role="list" style={{ height: virtual.getTotalSize() }} className="thumb-rows">
        {virtual.getVirtualItems().map((row) => (
          <li
            key={row.key}
            className="thumb-row"
            style={{ transform: `translateY(${row.start}px)`, height: CELL_HEIGHT }}
          >
            {Array.from({ length: columns }, (_, column) => {
              const index = row.index * columns + column;
              if (index >= count) return null;
              const c = cell(index);
              const body = (
                <>
                  <span className="thumb-frame">
                    {c.src ? (
                      <img
                        src={c.src}
                        alt={c.name}
                        loading="lazy"
                        decoding="async"
                        width={128}
                        height={128}
                        onError={(e) => {
                          // Once more a moment later (a picture asked for as its file was being
                          // recorded), then a placeholder.
                          const img = e.currentTarget;
                          if (img.dataset.retried) return img.setAttribute('data-broken', '');
                          img.dataset.retried = '1';
                          setTimeout(() => (img.src = `${c.src}?again=1`), 1000);
                        }}
                      />
                    ) : (
                      <span className="thumb-placeholder" aria-hidden="true" />
                    )}
                    {c.mark === 'failed' ? <span className="thumb-mark failed">Failed</span> : null}
                    {c.mark === 'larger' ? <span className="thumb-mark larger">Larger</span> : null}
                  </span>
                  <span className="thumb-name truncate" title={c.name}>
                    {c.name}
                  </span>
                  {c.caption ? (
                    <span className="thumb-caption truncate muted" title={c.title ?? c.caption}>
                      {c.caption}
                    </span>
                  ) : null}
                </>
              );
              return onSelect ? (
                <button
                  key={c.key}
                  type="button"
                  className={`thumb-cell${selected === index ? ' selected' : ''}${c.mark ? ` ${c.mark}` : ''}`}
                  data-cell={index}
                  aria-pressed={selected === index}
                  onClick={() => onSelect(index)}
                >
                  {body}
                </button>
              ) : (
                <div
                  key={c.key}
                  className={`thumb-cell${c.mark ? ` ${c.mark}` : ''}`}
                  data-cell={index}
                >
                  {body}
                </div>
              );
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
