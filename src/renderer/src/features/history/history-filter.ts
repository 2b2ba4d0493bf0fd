/**
 * What the History list shows for a run and how its text filter matches, kept out of the
 * component so it can be tested.
 */
import type { RunRecord } from '../../../../shared/records.js';
import { operationWords } from '../../../../shared/operation-words.js';

/** A run's name in lists: its label, else its first input's last segment, else "Run N". */
export function runTitle(run: RunRecord): string {
  if (run.label && run.label.trim() !== '') return run.label;
  const first = run.inputs[0];
  if (first) {
    const segs = first.replace(/[\\/]+$/, '').split(/[\\/]/);
    const last = segs[segs.length - 1];
    if (last) return run.inputs.length > 1 ? `${last} + ${run.inputs.length - 1} more` : last;
  }
  return `Run ${run.id}`;
}

/**
 * True when every word of `query` appears in the run's id, label, inputs, output folder, kind,
 * status or, for a failed run, its reason ("locked" finds the runs the database stopped).
 */
export function runMatches(run: RunRecord, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [
    `#${run.id}`,
    String(run.id),
    run.label ?? '',
    run.kind,
    run.status,
    run.outDir,
    run.error ?? '',
    ...run.inputs,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Settings in a few words for a list row: "8 workers · blur 2 · fit 1600x1200 · webp q80". */
export function settingsSummary(run: RunRecord): string {
  const parts: string[] = [];
  const p = run.settings.process;
  const d = run.settings.download;
  if (d) parts.push(`${d.concurrency} at a time`);
  if (p) {
    parts.push(`${p.workers} ${p.workers === 1 ? 'worker' : 'workers'}`);
    if (p.threads > 1) parts.push(`${p.threads} threads`);
    if (p.blur !== null) parts.push(`blur ${p.blur}`);
    if (p.fit !== null) parts.push(`fit ${p.fit.width}×${p.fit.height}`);
    parts.push(...operationWords(p));
    parts.push(p.format === 'keep' ? 'same format' : `${p.format} q${p.quality}`);
    if (p.pipeline !== 'fast') parts.push(`${p.pipeline} pipeline`);
  }
  return parts.join(' · ');
}
