// Totals as bars: wall time and images per second, one bar per run in its series colour.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunMetrics } from '../../../../shared/compare-runs.js';
import { formatDuration, formatNumber } from '../../../../shared/format-figures.js';
import { AXIS_TICK, TOOLTIP_STYLE } from './chart-theme.js';
import { parallelismText, runName } from './compare-text.js';

function OneTotal({
  title,
  runs,
  colors,
  value,
  format,
}: {
  title: string;
  runs: readonly RunMetrics[];
  colors: ReadonlyMap<number, string>;
  value: (m: RunMetrics) => number | null;
  format: (v: number) => string;
}) {
  const data = runs.map((m) => ({
    id: m.runId,
    name: `${runName(m)} · ${parallelismText(m)}`,
    v: value(m) ?? 0,
  }));
  const height = 36 + data.length * 34;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div
        role="img"
        aria-label={`${title}: ${data.map((d) => `${d.name} ${format(d.v)}`).join('; ')}`}
      >
        <ResponsiveContainer width="100%" height={height}>
          {/* Not interactive: no tab stops (its figures are in the Figures table). */}
          <BarChart
            accessibilityLayer={false}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 64, bottom: 4, left: 8 }}
          >
            <CartesianGrid horizontal={false} stroke="var(--grid)" />
            <XAxis
              type="number"
              tick={AXIS_TICK}
              stroke="var(--border)"
              tickFormatter={(v: number) => format(v)}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={170}
              tick={AXIS_TICK}
              stroke="var(--border)"
            />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              contentStyle={TOOLTIP_STYLE}
              formatter={(v) => [format(Number(v)), title]}
            />
            <Bar dataKey="v" isAnimationActive={false} barSize={18} radius={[0, 3, 3, 0]}>
              {data.map((d) => (
                <Cell key={d.id} fill={colors.get(d.id)} />
              ))}
              <LabelList
                dataKey="v"
                position="right"
                formatter={(v: unknown) => format(Number(v))}
                fill="var(--fg)"
                fontSize={12}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function TotalsChart({
  runs,
  colors,
}: {
  runs: readonly RunMetrics[];
  colors: ReadonlyMap<number, string>;
}) {
  return (
    <div className="chart-pair">
      <p className="muted small chart-note">
        The same figures, as numbers, are in the Figures table.
      </p>
      <OneTotal
        title="Wall time (shorter is better)"
        runs={runs}
        colors={colors}
        value={(m) => m.wallMs}
        format={(v) => formatDuration(v)}
      />
      <OneTotal
        title="Images per second (longer is better)"
        runs={runs}
        colors={colors}
        value={(m) => m.itemsPerSecond}
        format={(v) => formatNumber(v)}
      />
    </div>
  );
}
