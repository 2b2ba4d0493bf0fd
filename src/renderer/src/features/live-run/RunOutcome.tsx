// The summary that stays after a run (XnConvert's status view): what happened, in one sentence,
// and what to do next.
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
      return `Cancelled after ${formatDuration(summary.wallMs)}: ${plural(ok + failed + skipped, 'item')} of ${total.toLocaleString('en-US')} were done. Finished outputs were kept.`;
    case 'interrupted':
      return `Interrupted: the app stopped while this run was working. ${plural(ok, noun)} finished.`;
    case 'running':
      return 'Still running.';
  }
}

export function RunOutcome({
  summary,
  status,
  canOpenFolder,
  canCompare,
  onOpenFolder,
  onCompare,
  onHistory,
}: {
  summary: RunSummary;
  status: RunStatus;
  canOpenFolder: boolean;
  canCompare: boolean;
  onOpenFolder: () => void;
  onCompare: () => void;
  onHistory: () => void;
}) {
  const tone = status === 'completed' && summary.items.failed === 0 ? 'info' : 'warn';
  return (
    <div className={`banner ${tone} outcome`} role="status">
      <p className="grow">
        <strong>{outcomeSentence(summary, status)}</strong>
      </p>
      <div className="row">
        {canOpenFolder ? <button onClick={onOpenFolder}>Open output folder</button> : null}
        {canCompare ? (
          <button
            onClick={onCompare}
            title="Runs the same inputs with one worker, then compares the two"
          >
            Compare with 1 worker
          </button>
        ) : null}
        <button onClick={onHistory}>Show in History</button>
      </div>
    </div>
  );
}
