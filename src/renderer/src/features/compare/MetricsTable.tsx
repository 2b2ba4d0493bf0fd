// The comparison as a table (the numbers behind every chart), with the baseline chosen per row.
import type { RunMetrics } from '../../../../shared/compare-runs.js';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRatio,
} from '../../../../shared/format-figures.js';
import { savedText, sizeInOutText } from '../../../../shared/savings.js';
import { statusLabel } from '../../common/run-status.js';
import { parallelismText, runName } from './compare-text.js';

export function MetricsTable({
  runs,
  baselineId,
  chosenBaselineId,
  colors,
  onBaseline,
}: {
  runs: readonly RunMetrics[];
  /** The baseline the figures were computed against. */
  baselineId: number;
  /** The baseline the user picked: the radio follows it at once, the figures when they arrive. */
  chosenBaselineId: number;
  colors: ReadonlyMap<number, string>;
  onBaseline: (runId: number) => void;
}) {
  const downloads = runs.some((m) => m.kind === 'download');
  return (
    <div className="table-scroll">
      <table className="data metrics">
        <caption className="visually-hidden">
          Run figures; speedup and efficiency are relative to the baseline run.
        </caption>
        <thead>
          <tr>
            <th scope="col">Baseline</th>
            <th scope="col">Run</th>
            <th scope="col" title="Worker processes side by side (each does one image at a time)">
              Parallel
            </th>
            {downloads ? (
              <th
                scope="col"
                className="n"
                title="How many downloads ran at the same time (the download setting compared)"
              >
                Downloads at once
              </th>
            ) : null}
            <th scope="col" className="n" title="Images finished ok (failed ones in brackets)">
              Images
            </th>
            <th
              scope="col"
              className="n"
              title="Time from the run's start to its end, as on a clock on the wall"
            >
              Wall time
            </th>
            <th
              scope="col"
              className="n"
              title="CPU time of the engine and all its workers together (more than the wall time when workers ran side by side)"
            >
              CPU time
            </th>
            <th
              scope="col"
              className="n"
              title="Images finished (ok or failed) per second of wall time; skipped files are not counted"
            >
              Images/s
            </th>
            <th
              scope="col"
              className="n"
              title="Megapixels per second: millions of input pixels processed each second (process runs)"
            >
              MP/s
            </th>
            <th
              scope="col"
              className="n"
              title="This run's images per second divided by the baseline's; only for runs that did the same work"
            >
              Speedup
            </th>
            <th
              scope="col"
              className="n"
              title="Efficiency: the speedup divided by how many times more workers this run had (100% = each added worker did a full share); only for runs that did the same work"
            >
              Efficiency
            </th>
            <th
              scope="col"
              className="n"
              title="p50, the median: half the images took less than this each"
            >
              p50 / image
            </th>
            <th
              scope="col"
              className="n"
              title="p95: 95 of 100 images took less than this each (the slow tail)"
            >
              p95 / image
            </th>
            <th scope="col" className="n" title="Engine plus all workers, at most">
              Peak memory
            </th>
            <th
              scope="col"
              className="n"
              title="Bytes of the inputs → bytes of the outputs, over the images that produced an output"
            >
              Size
            </th>
            <th
              scope="col"
              className="n"
              title="Bytes saved (input minus output) and the change against the input"
            >
              Saved
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((m) => {
            const isBase = m.runId === baselineId;
            return (
              <tr key={m.runId} className={isBase ? 'baseline' : undefined}>
                <td>
                  <input
                    type="radio"
                    name="baseline"
                    checked={m.runId === chosenBaselineId}
                    onChange={() => onBaseline(m.runId)}
                    aria-label={`Use ${runName(m)} as the baseline`}
                  />
                </td>
                <th scope="row">
                  <span className="run-cell">
                    <span
                      className="swatch"
                      style={{ background: colors.get(m.runId) }}
                      aria-hidden="true"
                    />{' '}
                    {runName(m)}
                    {m.status !== 'completed' ? (
                      <span className={`chip ${m.status}`}>{statusLabel(m.status)}</span>
                    ) : null}
                  </span>
                </th>
                <td>
                  {parallelismText(m)}
                  {m.threads > 1 ? ` × ${m.threads} threads` : ''}
                  {m.pipeline === 'fast' ? ' · fast' : ''}
                </td>
                {downloads ? (
                  <td className="n">{m.concurrency !== null ? formatCount(m.concurrency) : '—'}</td>
                ) : null}
                <td className="n">
                  {formatCount(m.items)}
                  {m.failed > 0 ? (
                    <span className="danger"> ({formatCount(m.failed)} failed)</span>
                  ) : null}
                </td>
                <td className="n">{formatDuration(m.wallMs)}</td>
                <td className="n">{formatDuration(m.cpuMs)}</td>
                <td className="n">{formatNumber(m.itemsPerSecond)}</td>
                <td className="n">{formatNumber(m.megapixelsPerSecond)}</td>
                <td
                  className="n strong"
                  title={m.sameWorkAsBaseline ? undefined : 'Not the same work as the baseline'}
                >
                  {isBase ? '1.00× (base)' : m.sameWorkAsBaseline ? formatRatio(m.speedup) : 'n/a'}
                </td>
                <td
                  className="n"
                  title={m.sameWorkAsBaseline ? undefined : 'Not the same work as the baseline'}
                >
                  {isBase ? '—' : m.sameWorkAsBaseline ? formatPercent(m.efficiency) : 'n/a'}
                </td>
                <td className="n">{formatDuration(m.p50Ms)}</td>
                <td className="n">{formatDuration(m.p95Ms)}</td>
                <td className="n">{formatBytes(m.peakRssBytes)}</td>
                <td className="n">{sizeInOutText(m)}</td>
                <td className="n">{savedText(m)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
