/**
 * What `photobatch runs`, `show` and `compare` print for people: pure functions of the stored
 * records, so the words can be tested without a database. Figures mean what
 * src/shared/run-figures.ts says and read as src/shared/format-figures.ts writes them.
 */
import type { RunComparison } from '../shared/compare-runs.js';
import type { ItemRecord, RunRecord } from '../shared/records.js';
import { formatBytes, formatDuration, formatNumber } from '../shared/format-figures.js';
import { itemsPerSecond } from '../shared/run-figures.js';
import { COMPARISON_HEADER, comparisonRows } from '../shared/comparison-rows.js';
import { savedText, sizeInOutText } from '../shared/savings.js';
import { formatTable } from './format-table.js';
import { metadataPolicyOf } from '../shared/settings.js';
import { describeMetadataPolicy } from '../shared/metadata-words.js';
import { terminalText } from './terminal-text.js';
import { operationWords } from '../shared/operation-words.js';
import { isKeptOriginalNote, keptOriginalCountText } from '../shared/kept-original.js';

/** Items listed by `show` before "… and N more". */
const SHOWN_ITEMS = 100;

/** A run's settings in a few words: "blur 2 fit 200x200 rotate-90° webp q80 fast 2w×1t". */
function describeSettings(run: RunRecord): string {
  const p = run.settings.process;
  const d = run.settings.download;
  const parts: string[] = [];
  if (d) parts.push(`concurrency ${d.concurrency}`);
  if (p) {
    if (p.blur !== null) parts.push(`blur ${p.blur}`);
    if (p.fit) parts.push(`fit ${p.fit.width}x${p.fit.height}`);
    parts.push(...operationWords(p).map((w) => w.replace(/ /g, '-')));
    parts.push(p.format, `q${p.quality}`, `${p.pipeline}`, `${p.workers}w×${p.threads}t`);
  }
  return parts.join(' ');
}

/** `show`'s line for what the outputs kept of their inputs' metadata (process runs). */
function metadataLine(run: RunRecord): string[] {
  const p = run.settings.process;
  return p ? [`metadata  ${describeMetadataPolicy(metadataPolicyOf(p))}`] : [];
}

/** The `runs` table: one row per run; a failed run's reason follows the table, by id. */
export function runsTable(runs: readonly RunRecord[]): string {
  const rows = runs.map((r) => [
    String(r.id),
    r.startedAt.replace('T', ' ').slice(0, 19),
    r.kind,
    r.status,
    terminalText(r.label ?? ''),
    `${r.ok}/${r.total}`,
    String(r.failed),
    formatDuration(r.wallMs),
    formatNumber(itemsPerSecond(r, r.wallMs)),
    describeSettings(r),
  ]);
  const table = formatTable(
    [
      'id',
      'started',
      'kind',
      'status',
      'label',
      'ok/total',
      'failed',
      'wall',
      'items/s',
      'settings',
    ],
    rows,
  );
  // Reasons are sentences: in a column they would stretch every row, so they come after.
  const reasons = runs
    .filter((r) => r.status === 'failed')
    .map((r) => `run ${r.id} failed: ${terminalText(r.error ?? 'no reason was recorded')}\n`);
  return table + reasons.join('');
}

/** `show`: the run, its machine and figures, then every item that did not end ok. */
export function runDetails(run: RunRecord, items: readonly ItemRecord[]): string {
  const m = run.machine;
  const lines = [
    `run ${run.id}${run.label ? ` "${terminalText(run.label)}"` : ''} — ${run.kind}, ${run.status}`,
    ...(run.status === 'failed'
      ? [`reason    ${terminalText(run.error ?? 'no reason was recorded')}`]
      : []),
    `started   ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`,
    `inputs    ${run.inputs.map(terminalText).join(', ')}`,
    `output    ${terminalText(run.outDir)}`,
    `settings  ${describeSettings(run)}${run.resumedFrom ? ` (resumes run ${run.resumedFrom})` : ''}${run.sweepId ? ` (one combination of sweep ${run.sweepId})` : ''}`,
    ...metadataLine(run),
    `items     ${run.total} total: ${run.ok} ok${keptOriginalCount(items)}, ${run.failed} failed, ${run.skipped} skipped`,
    `size      ${sizeLine(run)}`,
    `time      wall ${formatDuration(run.wallMs)}, CPU ${formatDuration(run.cpuMs)}, ${formatNumber(itemsPerSecond(run, run.wallMs))} items/s`,
    ...estimateLine(run),
    `memory    engine ${formatBytes(run.peakRssEngineBytes)}, largest worker ${largestWorker(run)}, all ${formatBytes(run.peakRssTotalBytes)}`,
    `machine   ${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.memoryBytes)}, ${m.os}, Node ${m.node}, sharp ${m.sharp}, libvips ${m.libvips}`,
    ...machineLines(run),
  ];
  // Items that did not end ok, then originals that only-smaller kept (each with its note).
  const notOk = items.filter((i) => i.status !== 'ok' || isKeptOriginalNote(i.error));
  for (const item of notOk.slice(0, SHOWN_ITEMS))
    lines.push(
      `  ${item.status === 'ok' ? 'kept' : item.status}: ${terminalText(item.source)}${item.error ? `: ${terminalText(item.error)}` : ''}`,
    );
  if (notOk.length > SHOWN_ITEMS)
    lines.push(`  … and ${notOk.length - SHOWN_ITEMS} more (--json lists all)`);
  return `${lines.join('\n')}\n`;
}

/** " (2 kept original)" when only-smaller kept any originals. */
function keptOriginalCount(items: readonly ItemRecord[]): string {
  return keptOriginalCountText(
    items.filter((i) => i.status === 'ok' && isKeptOriginalNote(i.error)).length,
  );
}

/** "9.2 MB → 2.1 MB, saved 7.1 MB (−77%)", or why there is no figure. */
function sizeLine(run: RunRecord): string {
  if (run.bytesIn === 0 && run.bytesOut === 0) return 'none (no item produced an output)';
  const saved = savedText(run);
  return `${sizeInOutText(run)}, ${saved.startsWith('grew') ? saved : `saved ${saved}`}`;
}

/** A worker's peak is known from its answers: a run with none, or none answered, has no figure. */
function largestWorker(run: RunRecord): string {
  if (run.workers === 0) return 'none (no worker processes)';
  if (!run.peakRssWorkerBytes) return 'not measured (no worker finished an image)';
  return formatBytes(run.peakRssWorkerBytes);
}

/** Each machine of a run and the lanes (items' worker numbers) that were its own. */
function machineLines(run: RunRecord): string[] {
  const machines = run.machines ?? [];
  return machines.map(
    (m, i) =>
      `${i === 0 ? 'machines' : '        '}  ${m.name}${m.host && m.host !== m.name ? ` (${m.host})` : ''}: ` +
      `lanes ${m.laneIds.join(', ')}, ${m.ok} ok, ${m.failed} failed, CPU ${formatDuration(m.cpuMs)}`,
  );
}

/** "estimate  about 12.0 s (9.6 s to 15.0 s, from 2 past runs); took 11.2 s" */
function estimateLine(run: RunRecord): string[] {
  const e = run.estimate;
  if (!e) return [];
  if (e.estimateMs === null) return [`estimate  none: ${e.reason}`];
  const took = run.wallMs !== null ? `; took ${formatDuration(run.wallMs)}` : '';
  return [
    `estimate  about ${formatDuration(e.estimateMs)} (${formatDuration(e.lowMs)} to ${formatDuration(e.highMs)}, ` +
      `from ${e.basedOnRuns} past run${e.basedOnRuns === 1 ? '' : 's'})${took}`,
  ];
}

/**
 * Under `compare`'s table, each queue run's lanes grouped by machine (the timeline's rows):
 * "run 7 by machine: studio-A (host-2): 2 lanes, 3 ok; studio-B: 1 lane, 2 ok". Local runs
 * add nothing.
 */
function machineGroupLines(comparison: RunComparison): string {
  return comparison.timelines
    .filter((t) => t.groups && t.groups.length > 0)
    .map((t) => {
      const groups = t.groups!.map((g) => {
        const lanes = `${g.rows} ${g.rows === 1 ? 'lane' : 'lanes'}`;
        const failed = g.failed > 0 ? `, ${g.failed} failed` : '';
        return `${terminalText(g.label)}: ${lanes}, ${g.ok} ok${failed}`;
      });
      return `run ${t.runId} by machine: ${groups.join('; ')}\n`;
    })
    .join('');
}

/** `compare`: one row per run against the baseline (marked *), and what the figures mean. */
export function comparisonTable(comparison: RunComparison): string {
  const rows = comparisonRows(comparison, 'x', terminalText);
  const header = [...COMPARISON_HEADER];
  const notes = comparison.runs
    .filter((r) => r.status !== 'completed' && r.status !== 'running')
    .map((r) => `Run ${r.runId} ${r.status}: its figures cover what it did before it ended.\n`);
  return (
    formatTable(header, rows) +
    '* baseline. img/s counts images finished (ok or failed) per second of wall time; speedup\n' +
    "  compares it with the baseline's, so runs of different sizes compare fairly.\n" +
    notes.join('') +
    machineGroupLines(comparison)
  );
}
