// Live run: progress with counts, rate and ETA; what each worker is doing; Cancel; failures.
// Fed by the tracker's per-frame snapshots, so 20,000 items cost no more renders than 20.
import { useState } from 'react';
import type { TrackerSnapshot } from '../../common/run-tracker.js';
import { liveCounts, liveElapsedMs, liveFraction } from '../../common/run-tracker.js';
import { useClient } from '../../common/client-context.js';
import { ErrorBanner, InfoBanner } from '../../common/Banner.js';
import { errorMessage } from '../../common/errors.js';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../../../shared/format-figures.js';
import { ProgressBar } from '../../common/ProgressBar.js';
import { statusExplanation, statusLabel } from '../../common/run-status.js';
import { itemsPerSecond } from '../../../../shared/run-figures.js';
import { useNow } from '../../common/use-now.js';
import { FailuresList } from './FailuresList.js';
import { LiveOutputs } from './LiveOutputs.js';
import { RunOutcome } from './RunOutcome.js';
import { WorkersNow } from './WorkersNow.js';
import { DownloadsNow } from './DownloadsNow.js';
import { useRunRecord } from './use-run-record.js';
import { useConnection } from '../../common/connection.js';
import { progressWords } from './progress-words.js';

function Stat({ k, v, className }: { k: string; v: string; className?: string }) {
  return (
    <div className="stat">
      <div className="k">{k}</div>
      <div className={`v ${className ?? ''}`}>{v}</div>
    </div>
  );
}

export function LiveRunView({
  snapshot,
  runId,
  pendingCompare,
  onSelectRun,
  onCompareWithOneWorker,
  onShowHistory,
  onGo,
  onStarted,
  onShowResults,
}: {
  snapshot: TrackerSnapshot;
  runId: number | null;
  pendingCompare: { runId: number; against: number } | null;
  onSelectRun: (runId: number) => void;
  onCompareWithOneWorker: (runId: number) => Promise<void>;
  onShowHistory: () => void;
  onGo: (screen: 'process' | 'download') => void;
  /** A run started from here (Resume): shown as the run being watched. */
  onStarted: (runId: number) => void;
  /** Opens the Results view of a finished run. */
  onShowResults?: (runId: number) => void;
}) {
  const client = useClient();
  const { online } = useConnection();
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const run =
    snapshot.runs.find((r) => r.runId === runId) ?? snapshot.runs[snapshot.runs.length - 1] ?? null;
  const record = useRunRecord(client, run?.runId ?? null, run?.record ?? null);
  const running = run !== null && run.finished === null;
  // Frozen while the engine is away: a clock that keeps counting would claim work goes on.
  const now = useNow(250, running && online);

  if (!run) {
    return (
      <div className="screen-inner">
        <div className="empty">
          <h1>Nothing running</h1>
          <p>
            Drop a folder of photos on Process, or paste image addresses on Download. The run shows
            here while it works, and stays in History afterwards.
          </p>
          <div className="row center">
            <button className="primary" onClick={() => onGo('process')}>
              Process photos
            </button>
            <button onClick={() => onGo('download')}>Download images</button>
          </div>
        </div>
      </div>
    );
  }

  const counts = liveCounts(run);
  const fraction = liveFraction(run);
  const elapsed = liveElapsedMs(run, now);
  const p = run.progress;
  const kind = run.kind ?? record?.kind ?? 'process';
  const title = record?.label ?? `Run ${run.runId}`;
  const status = run.finished?.status ?? 'running';
  const outDir = record?.outDir ?? null;
  // Once finished, the summary's figure over the run's wall time; while running, the engine's
  // over the time so far. Both are `itemsPerSecond` of src/shared/run-figures.ts.
  const summary = run.finished?.summary;
  const rate = summary
    ? itemsPerSecond(summary.items, summary.wallMs)
    : (p?.itemsPerSecond ?? null);

  const cancel = async () => {
    setError(null);
    setCancelling(run.runId);
    try {
      await client.invoke('run:cancel', { runId: run.runId });
    } catch (e) {
      setError(`Could not cancel: ${errorMessage(e)}`);
      setCancelling(null);
    }
  };
  const resume = async () => {
    setError(null);
    try {
      const { runId: resumed } = await client.invoke('runs:resume', { runId: run.runId });
      onStarted(resumed);
    } catch (e) {
      setError(`Could not resume: ${errorMessage(e)}`);
    }
  };
  const canResume =
    run.finished !== null && kind === 'process' && run.finished.status !== 'completed';
  const words = progressWords(run, counts);
  // A download run that also processes: its progress lanes are the processing workers, and the
  // fetchers are not reported one by one; a download-only run's lanes are its fetchers.
  const processesToo = kind === 'download' && (record?.settings.process ?? null) !== null;
  // Download-only: every ok item is a saved file (also when the view missed the item events).
  const downloadedCount = Math.max(run.downloaded, processesToo ? 0 : counts.ok);
  const othersRunning = snapshot.runs.filter((r) => r.runId !== run.runId && !r.finished);
  const nothingToDo = status === 'completed' && counts.ok + counts.failed === 0;
  const act = (f: () => Promise<unknown>) => () => {
    setError(null);
    f().catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <div className="screen-inner">
      <div className="screen-head">
        <h1 className="truncate" data-run-id={run.runId}>
          {kind === 'download' ? 'Downloading' : 'Processing'} · {title}
        </h1>
        <span
          className={`chip ${status}`}
          title={statusExplanation(status, run.finished?.summary.error ?? null)}
        >
          {nothingToDo ? 'Nothing to do' : statusLabel(status)}
        </span>
        <span className="grow" />
        {othersRunning.length > 0 ? (
          <button
            className="small other-run"
            onClick={() => onSelectRun(othersRunning[othersRunning.length - 1]!.runId)}
            title="A run started elsewhere (another tab, or the command line); this one stays shown"
          >
            {othersRunning.length === 1
              ? `Run #${othersRunning[0]!.runId} is also running · Watch`
              : `${othersRunning.length} other runs running · Watch the newest`}
          </button>
        ) : null}
        {snapshot.runs.length > 1 ? (
          <label className="row">
            <span className="muted">Run</span>
            <select value={run.runId} onChange={(e) => onSelectRun(Number(e.target.value))}>
              {[...snapshot.runs].reverse().map((r) => (
                <option key={r.runId} value={r.runId}>
                  #{r.runId} {r.record?.label ?? ''} (
                  {statusLabel(r.finished?.status ?? 'running').toLowerCase()})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {running ? (
          <button
            className="danger-button"
            onClick={() => void cancel()}
            disabled={cancelling === run.runId || !online}
          >
            {cancelling === run.runId ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
        {run.finished && onShowResults ? (
          <button onClick={() => onShowResults(run.runId)}>Show results</button>
        ) : null}
        {canResume ? (
          <button
            className="primary"
            onClick={() => void resume()}
            disabled={!online}
            title="Continue this run: the photos it finished are not redone"
          >
            Resume
          </button>
        ) : null}
      </div>
      {pendingCompare?.runId === run.runId ? (
        <InfoBanner>
          This run uses 1 worker. When it finishes, it opens side by side with run #
          {pendingCompare.against}.
        </InfoBanner>
      ) : null}
      {error ? <ErrorBanner>{error}</ErrorBanner> : null}
      {run.finished ? (
        <RunOutcome
          summary={run.finished.summary}
          status={run.finished.status}
          bytes={run.finishedCount > 0 ? { bytesIn: run.bytesIn, bytesOut: run.bytesOut } : null}
          outDir={outDir}
          canOpenFolder={client.canOpenFolders && outDir !== null}
          canCompare={
            // A run that broke measured its breakdown, not its speed: nothing fair to compare.
            run.finished.status !== 'failed' &&
            kind === 'process' &&
            run.finished.summary.workers > 1 &&
            run.finished.summary.items.ok > 0
          }
          onOpenFolder={act(() => client.invoke('shell:openPath', { path: outDir! }))}
          onCompare={act(() => onCompareWithOneWorker(run.runId))}
          onHistory={onShowHistory}
        />
      ) : null}
      <section className="panel" aria-label="Progress">
        <ProgressBar
          label={`${kind === 'download' ? 'Download' : 'Processing'} progress`}
          fraction={fraction}
          left={words.left}
          right={fraction === null ? '' : formatPercent(fraction)}
        />
        <div className="stats">
          {kind === 'download' ? (
            <>
              <Stat k="Downloaded" v={formatCount(downloadedCount)} className="ok" />
              {processesToo ? (
                <Stat k="Processed" v={formatCount(run.processed)} className="ok" />
              ) : null}
            </>
          ) : (
            <Stat k="Processed" v={formatCount(counts.ok)} className="ok" />
          )}
          <Stat
            k="Failed"
            v={formatCount(counts.failed)}
            className={counts.failed > 0 ? 'danger' : undefined}
          />
          <Stat k="Skipped" v={formatCount(counts.skipped)} />
          <Stat k="Per second" v={formatNumber(rate)} />
          <Stat k="Elapsed" v={running ? formatClock(elapsed) : formatDuration(elapsed)} />
          <Stat
            k="Remaining"
            v={
              !running
                ? '—'
                : !run.totalFinal
                  ? 'after the scan'
                  : p?.etaMs != null
                    ? formatClock(p.etaMs)
                    : 'estimating'
            }
          />
          {kind === 'download' ? (
            <Stat k="Received" v={downloadedText(run.downloadProgress, p?.bytes ?? 0, running)} />
          ) : null}
        </div>
        <p className="muted truncate" aria-hidden="true">
          {running && run.lastSource ? `Last finished: ${run.lastSource}` : '\u00a0'}
        </p>
      </section>
      <div className="live-grid">
        {kind === 'download' ? (
          <DownloadsNow
            lanes={processesToo ? null : (p?.workers ?? [])}
            elapsedMs={elapsed}
            running={running}
            bytesInFlight={run.bytesInFlight}
            retried={run.retried}
          />
        ) : null}
        {kind !== 'download' || processesToo ? (
          <WorkersNow workers={p?.workers ?? []} elapsedMs={elapsed} running={running} />
        ) : null}
        <FailuresList failures={run.failures} count={run.failureCount} />
      </div>
      <LiveOutputs client={client} run={run} />
    </div>
  );
}

/** Bytes so far (live while bytes arrive, saved files once the run is over) and bytes/s. */
function downloadedText(
  live: { bytes: number; bytesPerSecond: number } | null,
  savedBytes: number,
  running: boolean,
): string {
  if (!running || !live) return formatBytes(savedBytes);
  return `${formatBytes(Math.max(live.bytes, savedBytes))} · ${formatBytes(live.bytesPerSecond)}/s`;
}
