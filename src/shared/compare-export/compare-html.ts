/**
 * A comparison as one self-contained HTML file: the table, a bar per run of its speed and each
 * run's per-worker timeline, drawn as inline SVG. No script, no network, no external file: it
 * opens the same anywhere, and every text from a record (labels, file names) is escaped.
 */
import type { RunComparison, RunTimeline } from '../compare-runs.js';
import {
  COMPARISON_HEADER,
  comparisonRows,
  comparisonVerdict,
  describeHow,
  differenceNote,
} from '../comparison-rows.js';
import { explainComparison } from '../explain-comparison.js';
import { formatDuration, formatNumber } from '../format-figures.js';

const escapeMap: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// eslint-disable-next-line no-control-regex
const HTML_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text safe in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  // Controls other than tab and line feed are not allowed in HTML text: shown as U+FFFD.
  return text.replace(/[&<>"']/g, (c) => escapeMap[c]!).replace(HTML_CONTROLS, '\uFFFD');
}

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --bar: #0969da; --ok: #1f7a3d; --failed: #c62828; --skipped: #8c959f; --download: #8250df; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d;
  --bar: #4493f8; --ok: #3fb950; --failed: #f85149; --skipped: #6e7681; --download: #a371f7; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); margin: 2rem; max-width: 72rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { white-space: nowrap; padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right; }
th:nth-child(-n+3), td:nth-child(-n+3) { text-align: left; }
.muted { color: var(--muted); }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .axis { stroke: var(--line); }
svg .speed { fill: var(--bar); }
svg .ok { fill: var(--ok); } svg .failed { fill: var(--failed); } svg .skipped { fill: var(--skipped); }
svg .pending { fill: var(--skipped); } svg .download { fill: var(--download); }
`;

const WIDTH = 900;
const LABEL_WIDTH = 170;

/** One horizontal bar per run: items per second. */
function speedBars(comparison: RunComparison): string {
  const rowHeight = 26;
  const max = Math.max(0, ...comparison.runs.map((r) => r.itemsPerSecond ?? 0));
  const plot = WIDTH - LABEL_WIDTH - 90;
  const rows = comparison.runs.map((r, i) => {
    const y = i * rowHeight;
    const w = max > 0 && r.itemsPerSecond ? (r.itemsPerSecond / max) * plot : 0;
    const name = `run ${r.runId} (${describeHow(r)})`;
    return (
      `<text x="0" y="${y + 17}">${escapeHtml(name)}</text>` +
      `<rect class="speed" x="${LABEL_WIDTH}" y="${y + 5}" width="${w.toFixed(1)}" height="16">` +
      `<title>${escapeHtml(`${name}: ${formatNumber(r.itemsPerSecond)} items/s`)}</title></rect>` +
      `<text x="${(LABEL_WIDTH + w + 6).toFixed(1)}" y="${y + 17}">${escapeHtml(formatNumber(r.itemsPerSecond))}/s</text>`
    );
  });
  const height = comparison.runs.length * rowHeight + 4;
  return `<svg role="img" aria-label="Items per second of each run" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${rows.join('')}</svg>`;
}

/** A run's per-worker timeline: a row per lane, a rectangle per item from its start to its end. */
function timeline(t: RunTimeline): string {
  const laneHeight = 18;
  const top = 4;
  const axisHeight = 22;
  const plot = WIDTH - LABEL_WIDTH - 10;
  const span = Math.max(1, t.wallMs);
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, Math.min(ms, span)) / span) * plot;
  const kinds = new Set(t.bars.map((b) => b.stage));
  const laneName = (lane: number) => {
    const firstDownload = t.bars.find((b) => b.stage === 'download')?.lane;
    if (kinds.has('download') && firstDownload !== undefined && lane >= firstDownload)
      return `download ${lane - firstDownload + 1}`;
    return `worker ${lane + 1}`;
  };
  const lanes = Array.from({ length: t.lanes }, (_, lane) => {
    const y = top + lane * laneHeight;
    return `<text x="0" y="${y + 13}">${laneName(lane)}</text><line class="axis" x1="${LABEL_WIDTH}" x2="${WIDTH - 10}" y1="${y + laneHeight - 1}" y2="${y + laneHeight - 1}"/>`;
  });
  const bars = t.bars.map((b) => {
    const y = top + b.lane * laneHeight + 2;
    const w = Math.max(0.5, x(b.endMs) - x(b.startMs));
    const cls = b.stage === 'download' ? 'download' : b.status;
    const what = `${b.source}: ${b.status}, ${formatDuration(b.endMs - b.startMs)} from ${formatDuration(b.startMs)}`;
    return `<rect class="${cls}" x="${x(b.startMs).toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${laneHeight - 5}"><title>${escapeHtml(what)}</title></rect>`;
  });
  const axisY = top + t.lanes * laneHeight + 14;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (f) =>
      `<text x="${(LABEL_WIDTH + f * plot).toFixed(1)}" y="${axisY}" text-anchor="${f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}">${escapeHtml(formatDuration(f * span))}</text>`,
  );
  const height = top + t.lanes * laneHeight + axisHeight;
  return `<svg role="img" aria-label="Timeline of run ${t.runId}: one row per worker" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${lanes.join('')}${bars.join('')}${ticks.join('')}</svg>`;
}

/** The whole file. `generatedAt` (ISO time) is printed when given. */
export function comparisonHtml(comparison: RunComparison, generatedAt?: string): string {
  const ids = comparison.runs.map((r) => r.runId).join(', ');
  const head = COMPARISON_HEADER.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = comparisonRows(comparison)
    .map((cells) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  const timelines = comparison.timelines
    .map((t) => {
      const run = comparison.runs.find((r) => r.runId === t.runId);
      const title = `Run ${t.runId}${run ? ` (${describeHow(run)})` : ''}: ${formatDuration(t.wallMs)}`;
      return `<h3>${escapeHtml(title)}</h3>\n${t.bars.length > 0 ? timeline(t) : '<p class="muted">No timings were recorded for this run.</p>'}`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Photobatch: runs ${escapeHtml(ids)} compared</title>
<style>${CSS}</style>
</head>
<body>
<h1>Runs ${escapeHtml(ids)} compared</h1>
<p>${escapeHtml(comparisonVerdict(comparison))}</p>
${explainComparison(comparison)
  .map((line) => `<p>${escapeHtml(line)}</p>`)
  .join('\n')}
${comparison.differences.map((d) => `<p class="muted">${escapeHtml(differenceNote(d.text))}</p>`).join('\n')}
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="muted">* baseline. img/s counts images finished (ok or failed) per second of wall time; speedup compares it with the baseline's, so runs of different sizes compare fairly; efficiency divides the speedup by how many more workers (or downloads at once) the run had.</p>
<h2>Speed</h2>
${speedBars(comparison)}
<h2>Per-worker timelines</h2>
<p class="muted">Each row is a worker (or a download slot); each bar one item, from when it started to when it ended: green ok, red failed, purple downloading.</p>
${timelines}
${generatedAt ? `<p class="muted">Made by Photobatch on ${escapeHtml(generatedAt)}.</p>` : ''}
</body>
</html>
`;
}
