import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonCsv, CSV_COLUMNS } from '../../../src/shared/compare-export/compare-csv.js';
import { comparisonHtml, escapeHtml } from '../../../src/shared/compare-export/compare-html.js';
import { comparisonMarkdown } from '../../../src/shared/compare-export/compare-markdown.js';
import { compareRuns } from '../../../src/shared/compare-runs.js';
import { COMPARISON_HEADER, comparisonVerdict } from '../../../src/shared/comparison-rows.js';
import type { ItemRecord } from '../../../src/shared/records.js';
import { item, runRecord } from '../renderer/fixtures.js';

function items(runId: number, n: number, ms: number, workers: number): ItemRecord[] {
  return Array.from({ length: n }, (_, seq) => ({
    ...item({ runId, seq, source: `/in/${seq}.jpg`, status: 'ok' }),
    workerId: seq % workers,
    startMs: Math.floor(seq / workers) * ms,
    endMs: Math.floor(seq / workers) * ms + ms,
  }));
}

const hostile = 'x,"y"\n=HYPERLINK("http://evil")|<script>alert(1)</script>';
const comparison = compareRuns([
  {
    run: runRecord({ id: 4, workers: 1, wallMs: 10_000, label: hostile }),
    items: items(4, 100, 100, 1),
  },
  { run: runRecord({ id: 5, workers: 2, wallMs: 5_000 }), items: items(5, 100, 100, 2) },
]);

/** RFC 4180 reader, enough for the test: quoted fields with doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

test('CSV: a row per run, every column, numbers in plain units, user text quoted and defused', () => {
  const rows = parseCsv(comparisonCsv(comparison));
  assert.deepEqual(rows[0], CSV_COLUMNS);
  assert.equal(rows.length, 3);
  const get = (r: string[], name: string) => r[CSV_COLUMNS.indexOf(name)];
  assert.deepEqual(
    rows.slice(1).map((r) => get(r, 'run_id')),
    ['4', '5'],
  );
  assert.equal(get(rows[1]!, 'baseline'), '1');
  assert.equal(get(rows[2]!, 'wall_ms'), '5000');
  assert.equal(get(rows[2]!, 'items_per_second'), '20');
  assert.equal(get(rows[2]!, 'speedup'), '2');
  assert.equal(get(rows[2]!, 'efficiency'), '1');
  assert.equal(get(rows[2]!, 'p50_ms'), '100');
  // The label survives whole (comma, quotes, line break) and cannot run as a formula.
  assert.equal(get(rows[1]!, 'label'), hostile);
  const formula = comparisonCsv(
    compareRuns([{ run: runRecord({ id: 9, label: '=1+1' }), items: [] }]),
  );
  assert.equal(get(parseCsv(formula)[1]!, 'label'), "'=1+1");
});

test('Markdown: the table with every run and figure, cells escaped, and the verdict', () => {
  const md = comparisonMarkdown(comparison);
  const lines = md.split('\n');
  const tableRows = lines.filter((l) => l.startsWith('| '));
  assert.equal(tableRows.length, 4);
  assert.match(tableRows[2]!, /^\| 4\* \|/);
  assert.match(tableRows[3]!, /^\| 5 \|.*\| 2\.00× \| 100% \|/);
  // A pipe or line break in a label cannot break the table.
  assert.ok(
    tableRows.every((r) => r.split(/(?<!\\)\|/).length === COMPARISON_HEADER.length + 2),
    md,
  );
  assert.match(
    md,
    /Run 5 \(2w exact\) got through its images 2\.00× as fast as run 4 \(1w exact\), the baseline\./,
  );
});

test('HTML: one file, no script, no network, every run and figure, user text escaped', () => {
  const html = comparisonHtml(comparison, '2026-12-02T00:00:00.000Z');
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /\b(src|href)=/i);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  for (const id of ['4', '5']) assert.match(html, new RegExp(`Run ${id} \\(`));
  assert.match(html, /<td>2\.00×<\/td>/);
  // One timeline per run: its lanes as rows, one bar per item.
  assert.equal((html.match(/aria-label="Timeline of run/g) ?? []).length, 2);
  assert.equal((html.match(/<rect class="ok"/g) ?? []).length, 200);
  assert.match(html, /worker 2/);
  assert.equal(escapeHtml(`a\u0007<"'&`), 'a\uFFFD&lt;&quot;&#39;&amp;');
});

test('the verdict says when runs do not compare or there is nothing to compare', () => {
  const download = runRecord({ id: 7, kind: 'download' });
  assert.match(
    comparisonVerdict(
      compareRuns([
        { run: download, items: [] },
        { run: runRecord({ id: 8 }), items: [] },
      ]),
    ),
    /different kinds/,
  );
  assert.match(
    comparisonVerdict(compareRuns([{ run: runRecord({ id: 8 }), items: [] }])),
    /Only run 8/,
  );
});
