/**
 * What makes two runs not alike, in words: a different kind of work, other inputs, other
 * settings (beyond the parallelism being compared), another machine, or time shared with each
 * other. Compare shows a line per difference and claims a speedup or efficiency only for runs
 * that did the same work.
 */
import type { RunRecord } from './records.js';
import { OPERATION_FIELD_NAMES, OPERATION_FIELDS, operationWord } from './operation-words.js';

/** One way a run differs from the baseline, or a run it overlapped with. */
export interface RunDifference {
  runId: number;
  /** The run it is compared with: the baseline, or (overlap) the run it ran beside. */
  otherId: number;
  aspect: 'kind' | 'inputs' | 'settings' | 'machine' | 'overlap';
  /** One plain sentence, e.g. "#8 is a download run and #7 a process run". */
  text: string;
}

/** Settings whose change is what a comparison measures, not a reason to distrust it. */
const PARALLELISM_FIELDS: ReadonlySet<string> = new Set(['workers', 'threads', 'concurrency']);

/** Fields that change what is produced or how it is fetched (others, e.g. timeouts, do not). */
const PROCESS_FIELDS = ['blur', 'fit', 'format', 'quality', 'pipeline', 'metadata'] as const;
const DOWNLOAD_FIELDS = ['retries', 'maxBytes', 'maxRedirects'] as const;

function kindWords(run: RunRecord): string {
  if (run.kind === 'process') return 'a process run';
  return run.settings.process ? 'a download + process run' : 'a download run';
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object' && 'width' in value && 'height' in value)
    return `${String(value.width)}×${String(value.height)}`;
  return String(value);
}

function settingDifferences(run: RunRecord, base: RunRecord): string[] {
  const out: string[] = [];
  const compare = (
    label: string,
    a: Record<string, unknown> | null,
    b: Record<string, unknown> | null,
    fields: readonly string[],
  ) => {
    if (!a || !b) return;
    for (const field of fields) {
      if (PARALLELISM_FIELDS.has(field)) continue;
      const [x, y] = [valueText(a[field]), valueText(b[field])];
      if (x !== y) out.push(`${label}${field} ${x} vs ${y}`);
    }
  };
  compare('', run.settings.process, base.settings.process, PROCESS_FIELDS);
  const [p, q] = [run.settings.process, base.settings.process];
  if (p && q) {
    // Operations in words, so an older run (no field) and "not asked" read the same.
    for (const field of OPERATION_FIELDS) {
      const none = `no ${OPERATION_FIELD_NAMES[field]}`;
      const [x, y] = [operationWord(p, field) ?? none, operationWord(q, field) ?? none];
      if (x !== y) out.push(`${x} vs ${y}`);
    }
  }
  compare('download ', run.settings.download, base.settings.download, DOWNLOAD_FIELDS);
  return out;
}

function sameInputs(run: RunRecord, base: RunRecord): boolean {
  const a = [...run.inputs].sort();
  const b = [...base.inputs].sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** How `run` differs from `base` (nothing for the baseline itself). */
export function differencesFrom(run: RunRecord, base: RunRecord): RunDifference[] {
  if (run.id === base.id) return [];
  const say = (aspect: RunDifference['aspect'], text: string): RunDifference => ({
    runId: run.id,
    otherId: base.id,
    aspect,
    text,
  });
  const out: RunDifference[] = [];
  if (
    run.kind !== base.kind ||
    (run.settings.process === null) !== (base.settings.process === null)
  )
    out.push(
      say(
        'kind',
        `#${run.id} is ${kindWords(run)} and #${base.id} ${kindWords(base)}: different work, so their speeds do not compare.`,
      ),
    );
  if (!sameInputs(run, base))
    out.push(
      say(
        'inputs',
        `#${run.id} and #${base.id} read different inputs, so they did different work.`,
      ),
    );
  else if (run.total !== base.total)
    out.push(
      say(
        'inputs',
        `#${run.id} had ${run.total} items and #${base.id} ${base.total}: the inputs changed between the runs.`,
      ),
    );
  const settings = settingDifferences(run, base);
  if (settings.length > 0)
    out.push(
      say('settings', `#${run.id} used other settings than #${base.id}: ${settings.join(', ')}.`),
    );
  const [m, b] = [run.machine, base.machine];
  if (m.cpuModel !== b.cpuModel || m.cores !== b.cores || m.os !== b.os)
    out.push(
      say(
        'machine',
        `#${run.id} ran on another machine than #${base.id} (${m.cores} cores, ${m.cpuModel} vs ${b.cores} cores, ${b.cpuModel}).`,
      ),
    );
  return out;
}

/** Whether `run` did the same work as `base`, so a speedup (and an efficiency) means something. */
export function didSameWork(differences: readonly RunDifference[]): boolean {
  return differences.every((d) => d.aspect === 'overlap');
}

function span(run: RunRecord, now: number): [number, number] {
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return [start, Number.isFinite(end) ? end : now];
}

/** Pairs of runs whose times overlapped: they shared the machine's CPUs, which slows both. */
export function overlapsBetween(runs: readonly RunRecord[], now = Date.now()): RunDifference[] {
  const out: RunDifference[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const [a, b] = [runs[i]!, runs[j]!];
      if (a.id === b.id) continue;
      const [as, ae] = span(a, now);
      const [bs, be] = span(b, now);
      if (as < be && bs < ae) {
        out.push({
          runId: a.id,
          otherId: b.id,
          aspect: 'overlap',
          text: `#${a.id} ran at the same time as #${b.id}: they shared the CPUs, so both look slower than they are.`,
        });
      }
    }
  }
  return out;
}
