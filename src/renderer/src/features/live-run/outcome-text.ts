/**
 * A finished run in one sentence, for the summary that stays on the Live run screen.
 */
import type { RunStatus, RunSummary } from '../../../../shared/records.js';
import { formatCount, formatDuration, formatNumber, plural } from '../../common/format.js';

/** The run's ending in words. */
export function outcomeSentence(summary: RunSummary, status: RunStatus): string {
  const { ok, failed, skipped, total } = summary.items;
  const noun = summary.kind === 'download' ? 'image' : 'photo';
  const rate = summary.wallMs && summary.wallMs > 0 ? ok / (summary.wallMs / 1000) : null;
  const extras = [
    failed > 0 ? `${plural(failed, 'failed item', 'failed items')}` : null,
    skipped > 0 ? `${formatCount(skipped)} skipped` : null,
  ]
    .filter(Boolean)
    .join(', ');
  switch (status) {
    case 'completed':
      return `Done: ${plural(ok, noun)} in ${formatDuration(summary.wallMs)}${rate !== null ? ` (${formatNumber(rate)} per second)` : ''}.${extras ? ` ${extras[0]!.toUpperCase()}${extras.slice(1)}.` : ''}`;
    case 'cancelled':
      return `Cancelled after ${formatDuration(summary.wallMs)}: ${plural(ok + failed + skipped, 'item')} of ${formatCount(total)} ${ok + failed + skipped === 1 ? 'was' : 'were'} done. Finished outputs were kept.`;
    case 'interrupted':
      return `Interrupted: the app stopped while this run was working. ${plural(ok, noun)} finished.`;
    case 'running':
      return 'Still running.';
  }
}
