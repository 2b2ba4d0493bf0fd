// Per-worker timeline, drawn as our own SVG (Chrome DevTools' Performance panel is the model):
// one lane per worker or download slot, one bar per image, idle time left empty on a visible
// track. Hover or keyboard-select a bar for its details; zoom and pan to see single images.
import { useMemo } from 'react';
import type { RunTimeline } from '../../../../shared/compare-runs.js';
import { formatDuration, formatPercent } from '../../../../shared/format-figures.js';
import { baseName } from '../../common/format.js';
import { busyShare } from '../../../../shared/run-figures.js';
import { layoutBars, niceTicks, stageOverlap } from './timeline-layout.js';
import { useElementWidth } from './use-element-width.js';
import { useTimelineView } from './use-timeline-view.js';
import { LaneStats } from './LaneStats.js';

const LABEL_W = 92;
const AXIS_H = 22;

function tickLabel(ms: number, spanMs: number): string {
  if (spanMs < 2000) return `${Math.round(ms)} ms`;
  if (spanMs < 120_000) return `${(ms / 1000).toFixed(spanMs < 10_000 ? 1 : 0)} s`;
  return `${Math.floor(ms / 60_000)}:${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}`;
}

export function TimelineChart({
  timeline,
  title,
  domainMs,
}: {
  timeline: RunTimeline;
  title: string;
  domainMs: number;
}) {
  const [box, width] = useElementWidth<HTMLDivElement>();
  const laneHeight = timeline.lanes > 24 ? 8 : 16;
  const laneStep = laneHeight + (timeline.lanes > 24 ? 2 : 4);
  const plotWidth = Math.max(0, width - LABEL_W - 4);
  const height = AXIS_H + Math.max(1, timeline.lanes) * laneStep + 4;
  const geo = { left: LABEL_W, top: AXIS_H, plotWidth, laneHeight, laneStep };
  // Destructured: the React compiler treats an object holding a ref callback as a ref.
  const { attachWheel, ...v } = useTimelineView(timeline, domainMs, geo);
  const rects = useMemo(
    () => (plotWidth > 0 ? layoutBars(timeline, v.index, v.view, plotWidth) : []),
    [timeline, v.index, v.view, plotWidth],
  );
  const span = v.view.endMs - v.view.startMs;
  const ticks = niceTicks(v.view, Math.max(2, Math.floor(plotWidth / 90)));
  const x = (ms: number) => LABEL_W + ((ms - v.view.startMs) / span) * plotWidth;
  const overlap = useMemo(() => stageOverlap(timeline), [timeline]);
  const busy = v.index.lanes.reduce((s, l) => s + l.busyMs, 0);
  const capacity = timeline.lanes * timeline.wallMs;

  const detailBar = v.hover ?? v.selected.bar;
  const detail = detailBar !== null ? timeline.bars[detailBar] : undefined;
  const detailLane = detail ? v.index.lanes[detail.lane] : undefined;
  const detailText = detail
    ? `${baseName(detail.source)} on ${detailLane?.name ?? `lane ${detail.lane + 1}`}: ${detail.stage === 'download' ? 'downloaded' : 'processed'} from ${formatDuration(detail.startMs)} to ${formatDuration(detail.endMs)}, ${formatDuration(detail.endMs - detail.startMs)}${detail.status === 'failed' ? ', failed' : ''}`
    : '';
  const selectedRect = v.selected.bar !== null ? timeline.bars[v.selected.bar] : undefined;
  const trackWidth = Math.max(0, Math.min(x(timeline.wallMs), LABEL_W + plotWidth) - LABEL_W);
  const hasDownload = timeline.bars.some((b) => b.stage === 'download');

  return (
    <figure className="timeline">
      <figcaption className="row">
        <strong>{title}</strong>
        <span className="muted">
          {timeline.lanes} {timeline.lanes === 1 ? 'lane' : 'lanes'} · busy{' '}
          {formatPercent(busyShare(busy, capacity))} of the time
        </span>
        {timeline.groups ? (
          <span className="muted">
            · by machine:{' '}
            {timeline.groups
              .map((g) => `${g.label} ${g.rows} ${g.rows === 1 ? 'lane' : 'lanes'}, ${g.ok} ok`)
              .join('; ')}
          </span>
        ) : null}
        {overlap ? (
          <span className="muted">
            · downloading {formatDuration(overlap.downloadMs)}, processing{' '}
            {formatDuration(overlap.processMs)}, both at once {formatDuration(overlap.overlapMs)}
          </span>
        ) : null}
        <span className="grow" />
        <span className="legend" aria-hidden="true">
          <span className="swatch" style={{ background: 'var(--stage-process)' }} /> processing
          {hasDownload ? (
            <>
              <span className="swatch waiting" /> waiting for first byte
              <span className="swatch" style={{ background: 'var(--stage-download)' }} /> download
            </>
          ) : null}
          <span className="swatch" style={{ background: 'var(--stage-failed)' }} /> failed
          <span className="swatch track" /> idle
        </span>
        <span className="row zoom" role="group" aria-label={`Zoom ${title}`}>
          <button
            className="small"
            onClick={() => v.zoom(1 / 1.5)}
            disabled={!v.zoomed}
            aria-label="Zoom out"
          >
            −
          </button>
          <button className="small" onClick={() => v.zoom(1.5)} aria-label="Zoom in">
            +
          </button>
          <button className="small" onClick={() => v.setView(v.whole)} disabled={!v.zoomed}>
            Whole run
          </button>
        </span>
      </figcaption>
      <div ref={box} className="timeline-box" style={{ height }}>
        {width > 0 ? (
          <svg
            ref={attachWheel}
            width={width}
            height={height}
            className="timeline-svg"
            tabIndex={0}
            role="application"
            aria-roledescription="timeline"
            aria-label={`${title}. Arrow keys step through images and lanes, plus and minus zoom, 0 shows the whole run.`}
            onKeyDown={v.onKeyDown}
            onPointerDown={v.onPointerDown}
            onPointerMove={v.onPointerMove}
            onPointerUp={v.onPointerUp}
            onPointerLeave={v.onPointerLeave}
            onDoubleClick={(e) =>
              v.zoom(2, v.view.startMs + ((e.nativeEvent.offsetX - LABEL_W) / plotWidth) * span)
            }
          >
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={AXIS_H - 4} y2={height} stroke="var(--grid)" />
                <text
                  x={x(t)}
                  y={AXIS_H - 8}
                  // The last label ends at the edge instead of being cut by it.
                  textAnchor={x(t) > LABEL_W + plotWidth - 24 ? 'end' : 'middle'}
                  className="tick"
                >
                  {tickLabel(t, span)}
                </text>
              </g>
            ))}
            {v.index.lanes.map((lane) => {
              const y = AXIS_H + lane.lane * laneStep;
              return (
                <g key={lane.lane}>
                  <text
                    x={LABEL_W - 8}
                    y={y + laneHeight / 2}
                    dominantBaseline="central"
                    textAnchor="end"
                    className={`lane-label${v.selected.lane === lane.lane ? ' current' : ''}`}
                  >
                    {laneHeight >= 12 || lane.lane % 4 === 0 ? lane.name : ''}
                  </text>
                  {/* The track spans the run itself: on a shared scale, time after this run ended stays blank. */}
                  <rect
                    x={LABEL_W}
                    y={y}
                    width={trackWidth}
                    height={laneHeight}
                    className="lane-track"
                  />
                </g>
              );
            })}
            {/* A queue run: a rule above each machine's lanes after the first, named in its title. */}
            {(timeline.groups ?? [])
              .filter((g) => g.firstRow > 0)
              .map((g) => (
                <line
                  key={`group-${g.firstRow}`}
                  className="machine-rule"
                  x1={4}
                  x2={LABEL_W + plotWidth}
                  y1={AXIS_H + g.firstRow * laneStep - 2}
                  y2={AXIS_H + g.firstRow * laneStep - 2}
                >
                  <title>{g.label}</title>
                </line>
              ))}
            {rects.map((r) => {
              const width = r.width > 3 ? r.width - 1 : r.width;
              const y = AXIS_H + r.lane * laneStep;
              // WebPageTest-style: the wait for the first byte in a lighter shade, then the body.
              const wait =
                !r.failed && r.waitWidth !== undefined && width > 3
                  ? Math.min(r.waitWidth, width)
                  : 0;
              return (
                <g key={`${r.lane}-${r.firstBar}`}>
                  {wait >= 1 ? (
                    <rect
                      x={LABEL_W + r.x}
                      y={y}
                      width={wait}
                      height={laneHeight}
                      className="bar waiting"
                    />
                  ) : null}
                  <rect
                    x={LABEL_W + r.x + (wait >= 1 ? wait : 0)}
                    y={y}
                    width={Math.max(0.5, width - (wait >= 1 ? wait : 0))}
                    height={laneHeight}
                    className={r.failed ? 'bar failed' : `bar ${r.stage}`}
                  />
                </g>
              );
            })}
            {timeline.wallMs < v.view.endMs && timeline.wallMs > v.view.startMs ? (
              <g>
                <line
                  x1={x(timeline.wallMs)}
                  x2={x(timeline.wallMs)}
                  y1={AXIS_H - 4}
                  y2={height}
                  className="run-end"
                />
                <text
                  x={x(timeline.wallMs) + 4}
                  y={AXIS_H + 10}
                  className="tick"
                  textAnchor="start"
                >
                  end
                </text>
              </g>
            ) : null}
            {detail ? (
              <rect
                x={Math.max(LABEL_W, x(detail.startMs)) - 1}
                y={AXIS_H + detail.lane * laneStep - 1}
                width={
                  Math.max(
                    2,
                    Math.min(x(detail.endMs), LABEL_W + plotWidth) -
                      Math.max(LABEL_W, x(detail.startMs)),
                  ) + 2
                }
                height={laneHeight + 2}
                className={selectedRect === detail ? 'bar-outline selected' : 'bar-outline'}
              />
            ) : null}
          </svg>
        ) : null}
        {detail ? (
          <div
            className="timeline-tip"
            style={{
              left: Math.min(Math.max(LABEL_W, x(detail.startMs)), Math.max(LABEL_W, width - 300)),
              // Below the bar's lane, floating over what follows: it never covers the bar itself.
              top: AXIS_H + (detail.lane + 1) * laneStep + 4,
            }}
          >
            <strong className="truncate">{baseName(detail.source)}</strong>
            <span className="muted mono truncate">{detail.source}</span>
            <span className="num">
              {detailLane?.name} · {formatDuration(detail.startMs)} → {formatDuration(detail.endMs)}{' '}
              · <strong>{formatDuration(detail.endMs - detail.startMs)}</strong>
            </span>
            {detail.stage === 'download' && detail.firstByteMs != null ? (
              <span className="num muted">
                waiting {formatDuration(detail.firstByteMs - detail.startMs)} · receiving{' '}
                {formatDuration(detail.endMs - detail.firstByteMs)}
              </span>
            ) : null}
            {detail.status === 'failed' ? <span className="danger">failed</span> : null}
          </div>
        ) : null}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {v.selected.bar !== null ? detailText : ''}
      </p>
      <LaneStats lanes={v.index.lanes} />
    </figure>
  );
}
