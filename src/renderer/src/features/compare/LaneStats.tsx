// The timeline's lanes in numbers: a table a screen reader can read, and idle time made exact.
import { busyShare } from '../../../../shared/run-figures.js';
import type { LaneInfo } from './timeline-layout.js';
import { formatCount, formatDuration, formatPercent } from '../../../../shared/format-figures.js';

export function LaneStats({ lanes }: { lanes: readonly LaneInfo[] }) {
  return (
    <details className="lane-stats">
      <summary>Lanes in numbers</summary>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Lane</th>
            <th scope="col" className="n">
              Items
            </th>
            <th scope="col" className="n">
              Busy
            </th>
            <th scope="col" className="n">
              Idle
            </th>
            <th scope="col" className="n">
              Busy share
            </th>
            <th scope="col" className="n">
              Longest idle stretch
            </th>
          </tr>
        </thead>
        <tbody>
          {lanes.map((l) => (
            <tr key={l.lane}>
              <th scope="row">{l.name}</th>
              <td className="n">{formatCount(l.bars)}</td>
              <td className="n">{formatDuration(l.busyMs)}</td>
              <td className="n">{formatDuration(l.idleMs)}</td>
              <td className="n">{formatPercent(busyShare(l.busyMs, l.busyMs + l.idleMs))}</td>
              <td className="n">{formatDuration(l.longestGapMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
