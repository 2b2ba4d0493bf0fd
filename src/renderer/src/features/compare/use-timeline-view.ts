// Zoom, pan and selection of one timeline, by mouse and by keyboard (DevTools-like):
// Ctrl/⌘ + wheel or + / − zoom, Shift + wheel, drag or Shift + ←/→ pan, ←/→ step through the bars
// of a lane, ↑/↓ change lane, 0 shows the whole run.
import {
  useCallback,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { RunTimeline } from '../../../../shared/compare-runs.js';
import { barAt, indexLanes, panWindow, zoomWindow, type TimeWindow } from './timeline-layout.js';

/** Geometry the hook needs to turn pixels into time and lanes. */
export interface PlotGeometry {
  left: number;
  top: number;
  plotWidth: number;
  laneHeight: number;
  laneStep: number;
}

export function useTimelineView(timeline: RunTimeline, domainMs: number, geo: PlotGeometry) {
  const index = useMemo(() => indexLanes(timeline), [timeline]);
  const whole = useMemo<TimeWindow>(
    () => ({ startMs: 0, endMs: Math.max(1, domainMs) }),
    [domainMs],
  );
  // The window belongs to the domain it was chosen in: a new domain (another scale) starts whole.
  const [state, setState] = useState<{ domainMs: number; view: TimeWindow }>({
    domainMs,
    view: whole,
  });
  const view = state.domainMs === domainMs ? state.view : whole;
  const setView = useCallback(
    (next: TimeWindow | ((v: TimeWindow) => TimeWindow)) =>
      setState((s) => {
        const current = s.domainMs === domainMs ? s.view : whole;
        return { domainMs, view: typeof next === 'function' ? next(current) : next };
      }),
    [domainMs, whole],
  );
  const [hover, setHover] = useState<number | null>(null);
  const [selected, setSelected] = useState<{ lane: number; bar: number | null }>({
    lane: 0,
    bar: null,
  });
  const drag = useRef<{ x: number; view: TimeWindow; moved: boolean } | null>(null);
  const minSpan = Math.max(1, domainMs / 20_000);

  const span = view.endMs - view.startMs;
  const toMs = useCallback(
    (x: number) => view.startMs + ((x - geo.left) / Math.max(1, geo.plotWidth)) * span,
    [view, span, geo],
  );
  const zoom = useCallback(
    (factor: number, anchor?: number) =>
      setView((v) =>
        zoomWindow(v, factor, anchor ?? (v.startMs + v.endMs) / 2, whole.endMs, minSpan),
      ),
    [setView, whole, minSpan],
  );

  const local = (e: { clientX: number; clientY: number; currentTarget: Element }) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  // React's onWheel is passive; a native listener can stop the page from scrolling while zooming.
  const attachWheel = useCallback(
    (el: SVGSVGElement | null) => {
      if (!el) return;
      const onWheel = (e: WheelEvent) => {
        if (!(e.ctrlKey || e.metaKey || e.shiftKey)) return;
        e.preventDefault();
        const r = el.getBoundingClientRect();
        const t = toMs(e.clientX - r.left);
        if (e.shiftKey)
          setView((v) =>
            panWindow(
              v,
              ((e.deltaY || e.deltaX) / Math.max(1, geo.plotWidth)) * (v.endMs - v.startMs),
              whole.endMs,
            ),
          );
        else zoom(e.deltaY < 0 ? 1.25 : 0.8, t);
      };
      el.addEventListener('wheel', onWheel, { passive: false });
      return () => el.removeEventListener('wheel', onWheel);
    },
    [toMs, zoom, setView, geo.plotWidth, whole],
  );

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    drag.current = { x: e.clientX, view, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      if (Math.abs(dx) > 2) d.moved = true;
      if (d.moved) {
        setView(
          panWindow(
            d.view,
            (-dx / Math.max(1, geo.plotWidth)) * (d.view.endMs - d.view.startMs),
            whole.endMs,
          ),
        );
        return;
      }
    }
    const { x, y } = local(e);
    const lane = Math.floor((y - geo.top) / geo.laneStep);
    if (
      x < geo.left ||
      lane < 0 ||
      lane >= timeline.lanes ||
      (y - geo.top) % geo.laneStep > geo.laneHeight
    ) {
      setHover(null);
      return;
    }
    const tolerance = (3 / Math.max(1, geo.plotWidth)) * span;
    setHover(barAt(timeline, index, lane, toMs(x), tolerance));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId))
      e.currentTarget.releasePointerCapture(e.pointerId);
    if (d && !d.moved && hover !== null)
      setSelected({ lane: timeline.bars[hover]!.lane, bar: hover });
  };

  const step = (lane: number, dir: 1 | -1, from: number | null) => {
    const list = index.byLane[lane] ?? [];
    if (list.length === 0) return null;
    const at = from === null ? -1 : list.indexOf(from);
    const next =
      at === -1
        ? dir === 1
          ? 0
          : list.length - 1
        : Math.min(list.length - 1, Math.max(0, at + dir));
    return list[next]!;
  };

  const reveal = (bar: number) => {
    const b = timeline.bars[bar]!;
    setView((v) => {
      const w = v.endMs - v.startMs;
      if (b.startMs >= v.startMs && b.endMs <= v.endMs) return v;
      return panWindow(v, b.startMs - v.startMs - w * 0.1, whole.endMs);
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const { lane, bar } = selected;
    let handled = true;
    if (e.key === '+' || e.key === '=')
      zoom(1.5, bar !== null ? timeline.bars[bar]!.startMs : undefined);
    else if (e.key === '-' || e.key === '_') zoom(1 / 1.5);
    else if (e.key === '0') setView(whole);
    else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.shiftKey)
      setView((v) =>
        panWindow(v, (e.key === 'ArrowLeft' ? -0.2 : 0.2) * (v.endMs - v.startMs), whole.endMs),
      );
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const next = step(lane, e.key === 'ArrowRight' ? 1 : -1, bar);
      if (next !== null) {
        setSelected({ lane, bar: next });
        reveal(next);
      }
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const nextLane = Math.min(
        timeline.lanes - 1,
        Math.max(0, lane + (e.key === 'ArrowDown' ? 1 : -1)),
      );
      const t = bar !== null ? timeline.bars[bar]!.startMs : view.startMs;
      const near = barAt(timeline, index, nextLane, t, Infinity);
      setSelected({ lane: nextLane, bar: near });
      if (near !== null) reveal(near);
    } else if (e.key === 'Escape') setSelected({ lane, bar: null });
    else handled = false;
    if (handled) e.preventDefault();
  };

  return {
    index,
    view,
    whole,
    zoomed: view.startMs > 0 || view.endMs < whole.endMs,
    hover,
    selected,
    setView,
    zoom,
    attachWheel,
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerLeave: () => setHover(null),
    onKeyDown,
  };
}
