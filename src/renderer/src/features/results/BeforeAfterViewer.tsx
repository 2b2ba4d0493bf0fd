// Before and after, one over the other, split by a divider that the pointer drags and the arrow
// keys move; both sides pan and zoom together (one view, see viewer-zoom.ts) from fit to 1:1 and
// beyond. Each side says its size and dimensions. Shown as a dialog over the Results view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { formatBytes } from '../../../../shared/format-figures.js';
import { formatSizePercent } from '../../../../shared/savings.js';
import type { ResultRow } from './results-table.js';
import {
  centreOf,
  clampView,
  dividerAfterKey,
  dividerAt,
  fitView,
  panBy,
  zoomBy,
  zoomPercent,
  zoomTo,
  ZOOM_STEP,
} from './viewer-zoom.js';
import type { Size, View } from './viewer-zoom.js';
import { useElementSize } from './use-element-size.js';

const PAN_STEP = 60;

function dims(w: number | null, h: number | null): string {
  return w !== null && h !== null ? `${w}×${h}` : 'size unknown';
}

export function BeforeAfterViewer({
  row,
  beforeUrl,
  afterUrl,
  onClose,
}: {
  row: ResultRow;
  beforeUrl: string;
  afterUrl: string;
  onClose: () => void;
}) {
  const [viewportRef, viewport] = useElementSize<HTMLDivElement>();
  // Both sides are drawn in the output's pixel box (what the user gets); the input is scaled into
  // it, so the same spot of the photo is under the same spot of the screen on both sides.
  const [natural, setNatural] = useState<Size | null>(
    row.widthOut && row.heightOut ? { width: row.widthOut, height: row.heightOut } : null,
  );
  const image = useMemo(() => natural ?? { width: 1, height: 1 }, [natural]);
  const [view, setView] = useState<View | null>(null);
  const [divider, setDivider] = useState(0.5);
  const [broken, setBroken] = useState<{ before: boolean; after: boolean }>({
    before: false,
    after: false,
  });
  const drag = useRef<{ kind: 'pan' | 'divider'; x: number; y: number } | null>(null);

  // Until the user zooms or pans the view is "fit"; after, their view, kept within the image's
  // bounds whatever the viewport's size becomes.
  const ready = viewport.width > 0 && natural !== null;
  const current = !ready
    ? { scale: 1, x: 0, y: 0 }
    : view
      ? clampView(view, viewport, image)
      : fitView(viewport, image);
  const update = useCallback(
    (f: (v: View) => View) =>
      setView((v) => {
        if (viewport.width <= 0 || natural === null) return v;
        return f(v ? clampView(v, viewport, image) : fitView(viewport, image));
      }),
    [viewport, natural, image],
  );

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const at = { x: e.clientX - r.left, y: e.clientY - r.top };
      const factor = e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP;
      update((v) => zoomBy(v, factor, at, viewport, image));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [viewportRef, update, viewport, image]);

  // Escape closes; focus starts on the image and goes back where it was when closed.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    viewportRef.current?.focus();
    return () => before?.focus?.();
  }, [viewportRef]);

  const onDialogKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };

  const zoomKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    const centre = centreOf(viewport);
    let handled = true;
    if (e.key === '+' || e.key === '=')
      update((v) => zoomBy(v, ZOOM_STEP, centre, viewport, image));
    else if (e.key === '-') update((v) => zoomBy(v, 1 / ZOOM_STEP, centre, viewport, image));
    else if (e.key === '0') setView(fitView(viewport, image));
    else if (e.key === '1') update((v) => zoomTo(v, 1, centre, viewport, image));
    else if (e.key === 'ArrowLeft') update((v) => panBy(v, PAN_STEP, 0, viewport, image));
    else if (e.key === 'ArrowRight') update((v) => panBy(v, -PAN_STEP, 0, viewport, image));
    else if (e.key === 'ArrowUp') update((v) => panBy(v, 0, PAN_STEP, viewport, image));
    else if (e.key === 'ArrowDown') update((v) => panBy(v, 0, -PAN_STEP, viewport, image));
    else handled = false;
    if (handled) e.preventDefault();
  };

  const onDividerKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = dividerAfterKey(divider, e.key, e.shiftKey);
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    setDivider(next);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const onDivider = (e.target as HTMLElement).closest('.ba-divider') !== null;
    drag.current = { kind: onDivider ? 'divider' : 'pan', x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    if (d.kind === 'divider') {
      const r = e.currentTarget.getBoundingClientRect();
      setDivider(dividerAt(e.clientX, r.left, r.width));
    } else {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      update((v) => panBy(v, dx, dy, viewport, image));
    }
    d.x = e.clientX;
    d.y = e.clientY;
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onDoubleClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const at = { x: e.clientX - r.left, y: e.clientY - r.top };
    update((v) => (v.scale < 1 ? zoomTo(v, 1, at, viewport, image) : fitView(viewport, image)));
  };

  const layer = {
    width: image.width,
    height: image.height,
    transform: `translate(${current.x}px, ${current.y}px) scale(${current.scale})`,
  };
  const pixelated = current.scale >= 2 ? ' pixelated' : '';
  const percent = formatSizePercent(row.percent);
  const z = zoomPercent(current);

  return (
    <div className="ba-backdrop" onKeyDown={onDialogKey}>
      <div className="ba-dialog" role="dialog" aria-modal="true" aria-labelledby="ba-title">
        <div className="ba-head">
          <h2 id="ba-title" className="truncate" title={row.source}>
            {row.name}
          </h2>
          <div className="row ba-tools" role="group" aria-label="Zoom">
            <button
              className="small"
              onClick={() =>
                update((v) => zoomBy(v, 1 / ZOOM_STEP, centreOf(viewport), viewport, image))
              }
              aria-label="Zoom out"
            >
              −
            </button>
            <output className="num ba-zoom" aria-live="polite" aria-label="Zoom">
              {z}
            </output>
            <button
              className="small"
              onClick={() =>
                update((v) => zoomBy(v, ZOOM_STEP, centreOf(viewport), viewport, image))
              }
              aria-label="Zoom in"
            >
              +
            </button>
            <button className="small" onClick={() => setView(fitView(viewport, image))}>
              Fit
            </button>
            <button
              className="small"
              onClick={() => update((v) => zoomTo(v, 1, centreOf(viewport), viewport, image))}
              title="One pixel of the output per pixel of the screen"
            >
              1:1
            </button>
            <button className="small" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
        <div className="ba-sides" aria-hidden="true">
          <span>
            <strong>Before</strong> · {dims(row.widthIn, row.heightIn)} · {formatBytes(row.bytesIn)}
          </span>
          <span>
            <strong>After</strong> · {dims(row.widthOut, row.heightOut)} ·{' '}
            {formatBytes(row.bytesOut)}
            {percent ? ` (${percent})` : ''}
          </span>
        </div>
        <div
          ref={viewportRef}
          className="ba-viewport"
          tabIndex={0}
          role="img"
          aria-label={
            `Before and after of ${row.name}, zoom ${z}. ` +
            `Before: ${dims(row.widthIn, row.heightIn)}, ${formatBytes(row.bytesIn)}. ` +
            `After: ${dims(row.widthOut, row.heightOut)}, ${formatBytes(row.bytesOut)}. ` +
            'Plus and minus zoom, 0 fits, 1 shows 1:1, arrows pan.'
          }
          data-zoom={current.scale}
          data-divider={divider}
          onKeyDown={zoomKeys}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onDoubleClick={onDoubleClick}
        >
          <div className={`ba-layer${pixelated}`} style={layer}>
            <img
              src={beforeUrl}
              alt=""
              draggable={false}
              onError={() => setBroken((b) => ({ ...b, before: true }))}
            />
          </div>
          <div className="ba-clip" style={{ clipPath: `inset(0 0 0 ${divider * 100}%)` }}>
            <div className={`ba-layer${pixelated}`} style={layer}>
              <img
                src={afterUrl}
                alt=""
                draggable={false}
                onLoad={(e) => {
                  const img = e.currentTarget;
                  if (!natural) setNatural({ width: img.naturalWidth, height: img.naturalHeight });
                }}
                onError={() => setBroken((b) => ({ ...b, after: true }))}
              />
            </div>
          </div>
          <span className="ba-label before">Before</span>
          <span className="ba-label after">After</span>
          <div
            className="ba-divider"
            style={{ left: `${divider * 100}%` }}
            role="separator"
            aria-orientation="vertical"
            aria-label="Divider between before and after"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(divider * 100)}
            tabIndex={0}
            onKeyDown={onDividerKey}
          >
            <span className="ba-handle" aria-hidden="true" />
          </div>
          {broken.before || broken.after ? (
            <p className="ba-broken" role="status">
              This browser cannot show the{' '}
              {broken.before && broken.after ? 'images' : broken.before ? 'original' : 'output'} of{' '}
              {row.name} (its format, or the file is gone).
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
