// The summary that stays after a run (XnConvert's status view): what happened, in one sentence,
// and what to do next.
import type { RunStatus, RunSummary } from '../../../../shared/records.js';
import { historyNote, outcomeSentence, savingLine } from './outcome-text.js';

export function RunOutcome({
  summary,
  status,
  bytes,
  outDir,
  canOpenFolder,
  canCompare,
  onOpenFolder,
  onCompare,
  onHistory,
}: {
  summary: RunSummary;
  status: RunStatus;
  /** Bytes in and out of the run's ok items, for the saving; null when not known. */
  bytes: { bytesIn: number; bytesOut: number } | null;
  outDir: string | null;
  canOpenFolder: boolean;
  canCompare: boolean;
  onOpenFolder: () => void;
  onCompare: () => void;
  onHistory: () => void;
}) {
  const nothingDone = status === 'completed' && summary.items.ok + summary.items.failed === 0;
  const tone =
    status === 'failed'
      ? 'error'
      : nothingDone
        ? 'warn'
        : status === 'completed' && summary.items.failed === 0 && summary.historyError === null
          ? 'info'
          : 'warn';
  const note = historyNote(summary);
  const saving = savingLine(summary, bytes);
  return (
    <div className={`banner ${tone} outcome`} role="status">
      <div className="grow">
        <p>
          <strong>{outcomeSentence(summary, status)}</strong>
        </p>
        {saving ? <p data-testid="saving-line">{saving}</p> : null}
        {note ? <p>{note}</p> : null}
        {/* Only where something was written: a run with nothing to do made no folder. */}
        {outDir && summary.items.ok > 0 ? (
          <p className="muted small truncate" title={outDir}>
            Saved in <span className="mono">{outDir}</span>
          </p>
        ) : null}
      </div>
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
