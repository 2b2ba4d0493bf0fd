// The comparison as a file to keep or share: CSV (spreadsheets), Markdown (notes, issues) or one
// self-contained HTML page (table, bars and timelines as inline SVG), made here from the figures
// on screen by the same functions as `photobatch compare --csv|--markdown|--html`.
import { comparisonCsv } from '../../../../shared/compare-export/compare-csv.js';
import { comparisonHtml } from '../../../../shared/compare-export/compare-html.js';
import { comparisonMarkdown } from '../../../../shared/compare-export/compare-markdown.js';
import type { RunComparison } from '../../../../shared/compare-runs.js';

const FORMATS = [
  { label: 'CSV', ext: 'csv', type: 'text/csv', make: comparisonCsv },
  { label: 'Markdown', ext: 'md', type: 'text/markdown', make: comparisonMarkdown },
  {
    label: 'HTML',
    ext: 'html',
    type: 'text/html',
    make: (c: RunComparison) => comparisonHtml(c, new Date().toISOString()),
  },
] as const;

/** Saves `text` as a download named `name` (the browser's, or Electron's save dialog). */
function save(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the object URL is no longer needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function CompareExports({ comparison }: { comparison: RunComparison }) {
  const name = `photobatch-runs-${comparison.runs.map((r) => r.runId).join('-')}`;
  return (
    <div className="row compare-exports" role="group" aria-label="Export this comparison">
      <span className="muted small">Export:</span>
      {FORMATS.map((f) => (
        <button
          key={f.ext}
          type="button"
          className="small"
          onClick={() => save(`${name}.${f.ext}`, f.make(comparison), f.type)}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
