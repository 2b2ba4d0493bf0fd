/** A comparison as Markdown: the table people see in `compare`, and its verdict in one sentence. */
import type { RunComparison } from '../compare-runs.js';
import { explainComparison } from '../explain-comparison.js';
import {
  COMPARISON_HEADER,
  comparisonRows,
  comparisonVerdict,
  differenceNote,
} from '../comparison-rows.js';

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]+/g;

/** Text made safe inside a table cell: pipes escaped, line breaks and other controls as spaces. */
function cell(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** The comparison as a GitHub-flavoured Markdown table, then the verdict. */
export function comparisonMarkdown(comparison: RunComparison): string {
  const rows = comparisonRows(comparison);
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const align = COMPARISON_HEADER.map((_, i) => (i <= 2 ? ':--' : '--:'));
  return [
    `## Runs ${comparison.runs.map((r) => r.runId).join(', ')}`,
    '',
    line(COMPARISON_HEADER),
    line(align),
    ...rows.map(line),
    '',
    `\\* baseline. ${comparisonVerdict(comparison)}`,
    ...explainComparison(comparison).flatMap((line) => ['', line]),
    ...comparison.differences.flatMap((d) => ['', cell(differenceNote(d.text))]),
    '',
  ].join('\n');
}
