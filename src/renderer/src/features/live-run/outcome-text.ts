/**
 * A finished run in one sentence, for the summary that stays on the Live run screen.
 */
import type { RunStatus, RunSummary } from '../../../../shared/records.js';
import { missingCase } from '../../../../shared/missing-case.js';
import { formatCount, formatDuration, formatNumber } from '../../../../shared/format-figures.js';
import { itemsPerSecond } from '../../../../shared/run-figures.js';
import { plural } from '../../common/format.js';
import { formatSizeChange, sizeChange } from '../../../../shared/savings.js';

/** Ends a reason with a full stop, so it can sit inside a sentence of ours. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The run's ending in words. */
export function outcomeSentence(summary: RunSummary, status: RunStatus): string {
  const { ok, failed, skipped, total } = summary.items;
  const done = ok + failed + skipped;
  const noun = summary.kind === 'download' ? 'image' : 'photo';
  const rate = itemsPerSecond(summary.items, summary.wallMs);
  const extras = [
    failed > 0 ? `${plural(failed, 'failed item', 'failed items')}` : null,
    skipped > 0 ? `${formatCount(skipped)} skipped` : null,
  ]
    .filter(Boolean)
    .join(', ');
  switch (status) {
    case 'completed':
      if (ok === 0 && failed === 0) {
        // Nothing was written, so there is no output folder to speak of.
        return total === 0
          ? `Nothing to do: no ${noun}s were found, so nothing was saved.`
          : `Nothing to do: ${plural(total, 'file')} found, none of them a ${noun} to process (${formatCount(skipped)} skipped), so nothing was saved.`;
      }
      return `Done: ${plural(ok, noun)} in ${formatDuration(summary.wallMs)}${rate !== null ? ` (${formatNumber(rate)} per second)` : ''}.${extras ? ` ${extras[0]!.toUpperCase()}${extras.slice(1)}.` : ''}`;
    case 'cancelled':
      return `Cancelled after ${formatDuration(summary.wallMs)}: ${plural(done, 'item')} of ${formatCount(total)} ${done === 1 ? 'was' : 'were'} done. Finished outputs were kept.`;
    case 'failed':
      return `The run stopped on an error after ${formatDuration(summary.wallMs)}: ${sentence(summary.error ?? 'no reason was recorded')} ${plural(done, 'item')} of ${formatCount(total)} ${done === 1 ? 'was' : 'were'} done before it stopped.`;
    case 'interrupted':
      return `Interrupted: the app stopped while this run was working. ${plural(ok, noun)} finished.`;
    case 'running':
      return 'Still running.';
    default:
      return missingCase(status);
  }
}

/**
 * One calm sentence when the run's record could not be saved (the images are not affected), or
 * null when the history has it all.
 */
export function historyNote(summary: RunSummary): string | null {
  if (summary.historyError === null) return null;
  return `The work itself is done, but this run could not be saved in History: ${sentence(summary.historyError)}`;
}

/**
 * The done banner's figures: "24 photos · 9.2 MB → 2.1 MB (−77%) · 2.51 s"; null when nothing was
 * written or the sizes are not known.
 */
export function savingLine(
  summary: RunSummary,
  bytes: { bytesIn: number; bytesOut: number } | null,
): string | null {
  if (summary.items.ok === 0 || !bytes || bytes.bytesIn === 0) return null;
  const noun = summary.kind === 'download' ? 'image' : 'photo';
  return `${plural(summary.items.ok, noun)} · ${formatSizeChange(sizeChange(bytes.bytesIn, bytes.bytesOut))} · ${formatDuration(summary.wallMs)}`;
}
