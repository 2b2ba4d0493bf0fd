// Compare: runs side by side against a chosen baseline — the numbers, the totals as bars, the
// distribution of per-image times, and a per-worker timeline of each run.
import { explainComparison } from '../../../../shared/explain-comparison.js';
import { CompareExports } from './CompareExports.js';
import { useEffect, useMemo, useState } from 'react';
import type { RunComparison } from '../../../../shared/compare-runs.js';
import { useClient } from '../../common/client-context.js';
import { ErrorBanner, InfoBanner } from '../../common/Banner.js';
import { errorMessage } from '../../common/errors.js';
import { seriesColor } from './chart-theme.js';
import { parallelismText, runName, speedupSentences } from './compare-text.js';
import { DistributionChart } from './DistributionChart.js';
import { MetricsTable } from './MetricsTable.js';
import { TimelineChart } from './TimelineChart.js';
import { TotalsChart } from './TotalsChart.js';

export function CompareView({
  active,
  selection,
  onBaseline,
  onGoHistory,
}: {
  active: boolean;
  selection: { runIds: number[]; baseline: number | null };
  onBaseline: (runId: number) => void;
  onGoHistory: () => void;
}) {
  const client = useClient();
  const [comparison, setComparison] = useState<RunComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sameScale, setSameScale] = useState(true);
  const key = `${selection.runIds.join(',')}|${selection.baseline ?? ''}`;

  useEffect(() => {
    if (!active || selection.runIds.length === 0) return;
    let stale = false;
    client
      .invoke('runs:compare', {
        runIds: selection.runIds,
        ...(selection.baseline !== null ? { baseline: selection.baseline } : {}),
      })
      .then(
        (c) => {
          if (stale) return;
          setComparison(c);
          setError(null);
        },
        (e: unknown) => {
          if (!stale) setError(`Could not compare these runs: ${errorMessage(e)}`);
        },
      );
    return () => {
      stale = true;
    };
    // `key` stands for the selection's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, active, key]);

  const colors = useMemo(
    () => new Map((comparison?.runs ?? []).map((m, i) => [m.runId, seriesColor(i)])),
    [comparison],
  );

  if (selection.runIds.length === 0) {
    return (
      <div className="screen-inner">
        <div className="empty">
          <h1>Nothing to compare yet</h1>
          <p>
            In History, tick two or more runs and press Compare. Or press “Compare with 1 worker” on
            a run: it runs the same photos with a single worker and shows how much the parallel
            workers gained, measured on your own photos.
          </p>
          <button className="primary" onClick={onGoHistory}>
            Open History
          </button>
        </div>
      </div>
    );
  }

  const lessons = comparison ? speedupSentences(comparison.runs, comparison.baselineId) : [];
  const explanations = comparison ? explainComparison(comparison) : [];
  const domainMs = comparison ? Math.max(1, ...comparison.timelines.map((t) => t.wallMs)) : 1;
  const machinesNote = comparison && comparison.runs.some((r) => r.status !== 'completed');

  return (
    <div className="screen-inner">
      <div className="screen-head">
        <h1>Compare {selection.runIds.length === 1 ? 'run' : `${selection.runIds.length} runs`}</h1>
        {comparison ? (
          <span className="sub">
            {comparison.runs.map((m) => `${runName(m)} (${parallelismText(m)})`).join(' · ')}
          </span>
        ) : null}
      </div>
      {error ? <ErrorBanner>{error}</ErrorBanner> : null}
      {!comparison ? (
        !error ? (
          <p className="muted" role="status">
            Reading {selection.runIds.length} runs…
          </p>
        ) : null
      ) : (
        <>
          {lessons.length > 0 || explanations.length > 0 ? (
            <InfoBanner>
              {lessons.map((l) => (
                <p key={l}>{l}</p>
              ))}
              {explanations.map((l) => (
                <p key={l}>{l}</p>
              ))}
            </InfoBanner>
          ) : null}
          <CompareExports comparison={comparison} />
          {comparison.differences.length > 0 ? (
            <div className="banner warn differences" role="status">
              <div className="grow">
                <p>
                  <strong>
                    {comparison.runs.some((m) => !m.sameWorkAsBaseline)
                      ? 'These runs are not alike, so not every figure compares:'
                      : 'Read these figures with care:'}
                  </strong>
                </p>
                <ul>
                  {comparison.differences.map((d) => (
                    <li key={`${d.aspect}-${d.runId}-${d.otherId}`}>{d.text}</li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          {machinesNote ? (
            <InfoBanner tone="warn">
              Some of these runs did not complete, so their figures cover only the images they
              finished.
            </InfoBanner>
          ) : null}
          <section className="panel" aria-labelledby="cmp-figures">
            <h2 id="cmp-figures">Figures</h2>
            <MetricsTable
              runs={comparison.runs}
              baselineId={comparison.baselineId}
              chosenBaselineId={selection.baseline ?? comparison.baselineId}
              colors={colors}
              onBaseline={onBaseline}
            />
          </section>
          <section className="panel" aria-labelledby="cmp-totals">
            <h2 id="cmp-totals">Totals</h2>
            <TotalsChart runs={comparison.runs} colors={colors} />
          </section>
          <section className="panel" aria-labelledby="cmp-dist">
            <h2 id="cmp-dist">Time per image</h2>
            <DistributionChart comparison={comparison} colors={colors} />
          </section>
          <section className="panel" aria-labelledby="cmp-timeline">
            <div className="row">
              <h2 id="cmp-timeline" className="grow">
                Timeline per worker
              </h2>
              <label className="row">
                <input
                  type="checkbox"
                  checked={sameScale}
                  onChange={(e) => setSameScale(e.target.checked)}
                />
                Same time scale for all runs
              </label>
            </div>
            <p className="muted">
              One lane per worker, one bar per image; gaps are time a worker sat idle. Hover a bar
              for details; Ctrl + scroll or the + and − buttons zoom, drag pans.
            </p>
            {comparison.timelines.map((t) => {
              const m = comparison.runs.find((r) => r.runId === t.runId);
              return (
                <TimelineChart
                  key={t.runId}
                  timeline={t}
                  title={m ? `${runName(m)} · ${parallelismText(m)}` : `#${t.runId}`}
                  domainMs={sameScale ? domainMs : Math.max(1, t.wallMs)}
                />
              );
            })}
          </section>
        </>
      )}
    </div>
  );
}
