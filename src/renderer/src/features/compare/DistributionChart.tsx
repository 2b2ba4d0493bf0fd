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
          {/* Not interactive: no tab stops; the table below holds the same shares. */}
          <BarChart
            accessibilityLayer={false}
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
      <details className="chart-table">
        <summary>Show as a table</summary>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">
              Share of each run&apos;s images per time bin
            </caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                {comparison.durations.map((d) => (
                  <th key={d.runId} scope="col" className="n">
                    {names.get(d.runId)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={String(row.bin)}>
                  <th scope="row">{row.bin}</th>
                  {comparison.durations.map((d) => (
                    <td key={d.runId} className="n">
                      {row[`r${d.runId}`]}%
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
