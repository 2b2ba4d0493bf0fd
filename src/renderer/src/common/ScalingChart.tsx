// Tune's scaling chart: measured speedup against workers (or downloads at once), the ideal line
// and the fitted Amdahl curve, as a small SVG that follows the theme; the same said in words
// beside it (src/shared/scaling-chart.ts computes both).
import { useId } from 'react';
import { scalingSeries, scalingSummary } from '../../../shared/scaling-chart.js';
import type { ChartPoint } from '../../../shared/scaling-chart.js';
import type { SweepResult } from '../../../shared/sweep-result.js';

const W = 300;
const H = 190;
const PAD = { left: 38, right: 12, top: 12, bottom: 36 };

/** Tick values for the speedup axis: whole steps, or halves on a short axis. */
function yTicks(yMax: number): number[] {
  const step = yMax <= 3 ? 0.5 : yMax <= 8 ? 1 : Math.ceil(yMax / 8);
  const ticks: number[] = [];
  for (let y = 0; y <= yMax + 1e-9; y += step) ticks.push(Number(y.toFixed(2)));
  return ticks;
}

export function ScalingChart({ result, title }: { result: SweepResult; title: string }) {
  const id = useId();
  const series = scalingSeries(result);
  const summary = scalingSummary(result);
  if (!series) return <p className="muted small">{summary}</p>;
  const { xMin, xMax, yMax, logX } = series;
  const fx = (x: number) => {
    const t = logX ? Math.log(x / xMin) / Math.log(xMax / xMin) : (x - xMin) / (xMax - xMin);
    return PAD.left + t * (W - PAD.left - PAD.right);
  };
  const fy = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const path = (points: readonly ChartPoint[]) =>
    points
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${fx(p.x).toFixed(1)},${fy(p.y).toFixed(1)}`)
      .join('');
  const xTicks = [...new Set(series.measured.map((p) => p.x))];
  return (
    <figure className="scaling-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
      >
        <title id={`${id}-title`}>{title}</title>
        {yTicks(yMax).map((y) => (
          <g key={y}>
            <line className="grid" x1={PAD.left} x2={W - PAD.right} y1={fy(y)} y2={fy(y)} />
            <text className="tick" x={PAD.left - 5} y={fy(y) + 4} textAnchor="end">
              {y}×
            </text>
          </g>
        ))}
        {xTicks.map((x) => (
          <text key={x} className="tick" x={fx(x)} y={H - PAD.bottom + 15} textAnchor="middle">
            {x}
          </text>
        ))}
        <text
          className="axis-label"
          x={(PAD.left + W - PAD.right) / 2}
          y={H - 4}
          textAnchor="middle"
        >
          {series.xLabel}
        </text>
        <path className="ideal" d={path(series.ideal)} />
        {series.fitted.length > 0 ? <path className="fitted" d={path(series.fitted)} /> : null}
        {series.measured.map((p) => (
          <circle key={p.runId} className="measured" cx={fx(p.x)} cy={fy(p.y)} r={4}>
            <title>{`${p.x} ${series.xLabel}: ${p.y.toFixed(2)}× (run #${p.runId})`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        <strong>{title}</strong>
        <span className="legend" aria-hidden="true">
          <span>
            <i className="swatch measured" /> measured
          </span>
          <span>
            <i className="swatch ideal" /> ideal
          </span>
          {series.fitted.length > 0 ? (
            <span>
              <i className="swatch fitted" /> Amdahl fit
            </span>
          ) : null}
        </span>
        <span id={`${id}-summary`} className="muted small">
          {summary}
        </span>
      </figcaption>
    </figure>
  );
}
