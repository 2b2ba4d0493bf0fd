// How long each image took, per run: the share of images in each time bin, on shared bins.
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunComparison } from '../../../../shared/compare-runs.js';
import { formatDuration } from '../../../../shared/format-figures.js';
import { AXIS_TICK, TOOLTIP_STYLE } from './chart-theme.js';
import { runName } from './compare-text.js';
import { histogram } from './histogram.js';

export function DistributionChart({
  comparison,
  colors,
}: {
  comparison: RunComparison;
  colors: ReadonlyMap<number, string>;
}) {
  const bins = useMemo(() => histogram(comparison.durations, 24), [comparison.durations]);
  const names = new Map(comparison.runs.map((m) => [m.runId, runName(m)]));
  if (bins.length === 0) {
    return <p className="muted">No image finished in these runs, so there are no times to show.</p>;
  }
  const data = bins.map((b) => {
    const row: Record<string, number | string> = {
      bin: b.openEnded ? `≥ ${formatDuration(b.fromMs)}` : formatDuration(b.fromMs),
    };
    for (const d of comparison.durations)
      row[`r${d.runId}`] = Math.round((b.shares[d.runId] ?? 0) * 1000) / 10;
    return row;
  });
  const summary = comparison.runs
    .map((m) => `${runName(m)}: median ${formatDuration(m.p50Ms)}, p95 ${formatDuration(m.p95Ms)}`)
    .join('; ');
  return (
    <figure className="chart">
      <figcaption>Time per image (share of each run's images)</figcaption>
      <div role="img" aria-label={`Distribution of time per image. ${summary}`}>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
            barCategoryGap={2}
            barGap={0}
          >
            <CartesianGrid vertical={false} stroke="var(--grid)" />
            <XAxis
              dataKey="bin"
              tick={AXIS_TICK}
              stroke="var(--border)"
              interval="preserveStartEnd"
              minTickGap={16}
            />
            <YAxis tick={AXIS_TICK} stroke="var(--border)" unit="%" width={48} />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              contentStyle={TOOLTIP_STYLE}
              labelFormatter={(label) => `From ${String(label)}`}
              formatter={(v, key) => [
                `${String(v)}% of images`,
                names.get(Number(String(key).slice(1))) ?? String(key),
              ]}
            />
            <Legend
              formatter={(key) => names.get(Number(String(key).slice(1))) ?? String(key)}
              wrapperStyle={{ fontSize: 12 }}
            />
            {comparison.durations.map((d) => (
              <Bar
                key={d.runId}
                dataKey={`r${d.runId}`}
                fill={colors.get(d.runId)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
