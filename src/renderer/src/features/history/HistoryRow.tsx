// One stored run in History, with its actions.
import { useState } from 'react';
import type { RunRecord } from '../../../../shared/records.js';
import { formatCount, formatDuration, formatNumber } from '../../../../shared/format-figures.js';
import { formatDateTime } from '../../common/format.js';
import { itemsPerSecond } from '../../../../shared/run-figures.js';
import { statusExplanation, statusLabel } from '../../common/run-status.js';
import { savedText, sizeInOutText } from '../../../../shared/savings.js';
import { runTitle, settingsSummary } from './history-filter.js';

/**
 * Whether a run has work left to resume: a process run that ended before its end (cancelled,
 * failed, interrupted), or a download run that did not save every URL.
 */
function resumable(run: RunRecord): boolean {
  if (run.status === 'running') return false;
  if (run.kind === 'download') return run.status !== 'completed' || run.failed > 0;
  return run.status !== 'completed';
}

export function HistoryRow({
  run,
  selected,
  busy,
  onSelect,
  onRerun,
  onResume,
  onCompareOne,
  onDelete,
  onWatch,
  onResults,
  onRetryFailed,
}: {
  run: RunRecord;
  selected: boolean;
  busy: boolean;
  onSelect: (selected: boolean) => void;
  onRerun: () => void;
  /** Runs with work left (see `resumable`): do the rest as a new run linked to this one. */
  onResume: () => void;
  onCompareOne: () => void;
  onDelete: () => void;
  /** Shows a running run on the Live run screen. */
  onWatch: () => void;
  /** Opens the run's Results view. */
  onResults?: () => void;
  /** A new linked run of just the failed photos (process runs with failures). */
  onRetryFailed?: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const title = runTitle(run);
  const running = run.status === 'running';
  const actions = (
    <span className="row">
      {onResults ? (
        <button
          className="small"
          onClick={onResults}
          aria-label={`Results of run ${run.id}`}
          title="Every photo with its size, saving and a before/after view"
        >
          Results
        </button>
      ) : null}
      <button
        className="small"
        onClick={onRerun}
        disabled={busy || running}
        title="Run again with the same inputs and settings"
      >
        Re-run
      </button>
      {resumable(run) ? (
        <button
          className="small"
          onClick={onResume}
          disabled={busy || running}
          title={
            run.kind === 'download'
              ? 'Download only what was not saved, into the same folder'
              : 'Process only the photos not done yet, into the same folder'
          }
        >
          Resume
        </button>
      ) : null}
      {onRetryFailed && run.kind === 'process' && run.failed > 0 ? (
        <button
          className="small"
          onClick={onRetryFailed}
          disabled={busy || running}
          title="Process just the failed photos again, as a new run linked to this one"
        >
          Retry failed
        </button>
      ) : null}
      {run.kind === 'process' && run.workers > 1 ? (
        <button
          className="small"
          onClick={onCompareOne}
          disabled={busy || running}
          title="Run the same inputs with one worker, then compare"
        >
          Compare with 1 worker
        </button>
      ) : null}
      <button
        className="small"
        onClick={() => setConfirming(true)}
        disabled={busy || running}
        aria-label={`Delete run ${run.id}`}
        title="Delete this record (output files stay)"
      >
        Delete
      </button>
    </span>
  );
  return (
    <tr className={selected ? 'selected' : undefined}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select run ${run.id}, ${title}, for comparing`}
        />
      </td>
      <td className="num muted">#{run.id}</td>
      <td className="nowrap col-date">{formatDateTime(run.startedAt)}</td>
      <td className="col-kind">
        {run.kind === 'download'
          ? run.settings.process
            ? 'Download + process'
            : 'Download'
          : 'Process'}
      </td>
      <td className="name-cell">
        <div className="truncate" title={run.inputs.join('\n')}>
          {title}
        </div>
        <div className="muted truncate small">{settingsSummary(run)}</div>
      </td>
      <td className="n">
        {formatCount(run.ok)}
        <span className="muted">/{formatCount(run.total)}</span>
        {run.failed > 0 ? (
          <div className="danger small nowrap">{formatCount(run.failed)} failed</div>
        ) : null}
      </td>
      <td className="n">{formatDuration(run.wallMs)}</td>
      <td className="n col-rate">{formatNumber(itemsPerSecond(run, run.wallMs))}</td>
      <td className="n nowrap col-size">{sizeInOutText(run)}</td>
      <td
        className={`n nowrap col-saved${run.bytesOut > run.bytesIn ? ' danger' : ''}`}
        title={sizeInOutText(run)}
      >
        {savedText(run)}
      </td>
      <td>
        <span className={`chip ${run.status}`} title={statusExplanation(run.status, run.error)}>
          {statusLabel(run.status)}
        </span>
        {run.status === 'failed' && run.error ? (
          <div className="danger small truncate run-error" title={run.error}>
            {run.error}
          </div>
        ) : null}
      </td>
      <td className="actions">
        {confirming ? (
          <span className="row" role="group" aria-label={`Delete run ${run.id}?`}>
            <span className="small">Delete the record?</span>
            <button className="small danger-button" onClick={onDelete} autoFocus>
              Delete
            </button>
            <button className="small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : running ? (
          <span className="row">
            <button className="small" onClick={onWatch}>
              Watch live
            </button>
          </span>
        ) : (
          <>
            {/* Wide windows: the actions in the row. Narrow ones: the same actions in a menu, so
                they are never clipped or scrolled out of sight (one of the two is displayed). */}
            <span className="actions-inline">{actions}</span>
            <details className="actions-menu">
              <summary className="small" aria-label={`Actions for run ${run.id}`}>
                Actions
              </summary>
              <div className="menu-body">{actions}</div>
            </details>
          </>
        )}
      </td>
    </tr>
  );
}
