// The composition root: loads the host's settings, follows runs, and moves between screens.
// Features never import each other; they get what they need from here as props and callbacks.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppSettings } from '../../../shared/contract.js';
import { useClient } from '../common/client-context.js';
import { ErrorBanner } from '../common/Banner.js';
import { errorMessage } from '../common/errors.js';
import { RunTracker } from '../common/run-tracker.js';
import { useTrackerSnapshot } from '../common/use-tracker.js';
import {
  ConnectionBanner,
  ConnectionProvider,
  useConnectionTracking,
} from '../common/connection.js';
import { ProcessView } from '../features/process/ProcessView.js';
import { DownloadView } from '../features/download/DownloadView.js';
import { LiveRunView } from '../features/live-run/LiveRunView.js';
import { HistoryView } from '../features/history/HistoryView.js';
import { ResultsView } from '../features/results/ResultsView.js';
import { TopBar } from './TopBar.js';
import type { CompareSelection, ScreenId } from './screens.js';
import { formatPlace, parsePlace } from './place-hash.js';
import { focusWhenShown } from './focus-heading.js';

// Compare (and its charts library) is in the one bundle, not a chunk loaded later: the window's
// files are local, and a chunk fetched after start fails for good once the engine is away.
import { CompareView } from '../features/compare/CompareView.js';

/** The tracker publishes once per animation frame; created outside render (it holds a clock). */
function createTracker(): RunTracker {
  return new RunTracker({
    schedule: (cb) => requestAnimationFrame(() => cb()),
    now: () => performance.now(),
  });
}

export function App() {
  const client = useClient();
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The place starts from the address's hash, so a reload comes back to it.
  const [initial] = useState(() => parsePlace(window.location.hash));
  const [screen, setScreen] = useState<ScreenId>(initial.screen);
  const [liveRunId, setLiveRunId] = useState<number | null>(
    initial.screen === 'results' ? null : initial.runId,
  );
  const [resultsRunId, setResultsRunId] = useState<number | null>(
    initial.screen === 'results' ? initial.runId : null,
  );
  const [compare, setCompare] = useState<CompareSelection>(initial.compare);
  const [pendingCompare, setPendingCompare] = useState<{ runId: number; against: number } | null>(
    null,
  );
  const pendingRef = useRef(pendingCompare);
  useEffect(() => {
    pendingRef.current = pendingCompare;
  }, [pendingCompare]);

  const [tracker] = useState(createTracker);
  const snapshot = useTrackerSnapshot(tracker);
  const connection = useConnectionTracking(client);

  // Nothing chosen yet: the first run seen is the one watched; later ones (another tab, the
  // command line) show as a badge and never take its place.
  const watchedRunId = liveRunId ?? snapshot.runs[0]?.runId ?? null;
  // The hash follows the place (a new history entry per move, so back/forward work)…
  useEffect(() => {
    const runId = screen === 'results' ? resultsRunId : watchedRunId;
    const hash = formatPlace({ screen, runId, compare });
    if (window.location.hash === hash) return;
    if (window.location.hash === '') window.history.replaceState(null, '', hash);
    else window.location.hash = hash;
  }, [screen, watchedRunId, resultsRunId, compare]);
  // …and the place follows the hash (back/forward, or an address typed or pasted).
  useEffect(() => {
    const onHash = () => {
      const place = parsePlace(window.location.hash);
      setScreen(place.screen);
      if (place.runId !== null && place.screen === 'results') setResultsRunId(place.runId);
      else if (place.runId !== null) setLiveRunId(place.runId);
      if (place.compare.runIds.length > 0) setCompare(place.compare);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // A run watched from the address (a reload, back/forward): its truth comes from the store, as
  // the events that started or ended it were sent before this page listened.
  useEffect(() => {
    if (liveRunId === null || tracker.finishedStatus(liveRunId) !== null) return;
    tracker.expect(liveRunId);
    client.invoke('runs:get', { runId: liveRunId }).then(
      ({ run }) => tracker.reconcile(run),
      () => undefined, // Deleted: the view says "Run N" with what the events tell.
    );
  }, [client, tracker, liveRunId]);
  // Back after a loss: what the window thought was running is re-read from the store, so a run
  // whose engine died shows as interrupted (with Resume) instead of running forever.
  useEffect(() => {
    if (connection.epoch === 0) return;
    for (const runId of tracker.unfinishedRunIds()) {
      client.invoke('runs:get', { runId }).then(
        ({ run }) => tracker.reconcile(run),
        () => undefined, // Deleted meanwhile, or gone again: the next reconnection tries again.
      );
    }
  }, [client, tracker, connection.epoch]);
  // Files dropped anywhere but the drop zone must not make the page navigate to them.
  useEffect(() => {
    const guard = (e: DragEvent) => {
      if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);
  useEffect(() => client.onEvent((event) => tracker.handle(event)), [client, tracker]);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let stale = false;
    client.invoke('settings:get', {}).then(
      (s) => {
        if (!stale) setSettings(s);
      },
      (e: unknown) => {
        if (!stale) setLoadError(errorMessage(e));
      },
    );
    return () => {
      stale = true;
    };
  }, [client, attempt]);
  const retry = () => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  };

  const openCompare = useCallback((runIds: number[], baseline: number | null) => {
    setCompare({ runIds, baseline });
    setScreen('compare');
    focusWhenShown('#screen-compare h1');
  }, []);

  // "Compare with 1 worker": when the 1-worker run ends, open the comparison with it as baseline.
  const finishPending = useCallback(
    (runId: number, status: string) => {
      const p = pendingRef.current;
      if (!p || p.runId !== runId) return;
      setPendingCompare(null);
      if (status === 'completed') openCompare([p.against, p.runId], p.runId);
    },
    [openCompare],
  );
  useEffect(() => tracker.onFinished(finishPending), [tracker, finishPending]);

  const showRun = useCallback(
    (runId: number) => {
      tracker.expect(runId);
      setLiveRunId(runId);
      setScreen('run');
      focusWhenShown(`#screen-run h1[data-run-id="${runId}"]`);
    },
    [tracker],
  );

  const showResults = useCallback((runId: number) => {
    setResultsRunId(runId);
    setScreen('results');
    focusWhenShown(`#screen-results h1[data-run-id="${runId}"]`);
  }, []);

  const compareWithOneWorker = useCallback(
    async (runId: number) => {
      const { runId: single } = await client.invoke('runs:rerun', { runId, workers: 1 });
      setPendingCompare({ runId: single, against: runId });
      pendingRef.current = { runId: single, against: runId };
      showRun(single);
      const already = tracker.finishedStatus(single);
      if (already) finishPending(single, already);
    },
    [client, showRun, tracker, finishPending],
  );

  const running = snapshot.runs.filter((r) => !r.finished && (r.progress || r.record)).length;

  if (!settings) {
    return (
      <div className="app">
        <TopBar screen={screen} onScreen={setScreen} running={0} />
        <ConnectionBanner connection={connection} />
        <main className="screens">
          <div className="screen">
            <div className="screen-inner">
              {loadError ? (
                <ErrorBanner
                  title="Photobatch could not reach its engine."
                  action={<button onClick={retry}>Try again</button>}
                >
                  {loadError}
                </ErrorBanner>
              ) : (
                <p className="muted" role="status">
                  Connecting to the engine…
                </p>
              )}
            </div>
          </div>
        </main>
      </div>
    );
  }

  const panel = (id: ScreenId) => ({
    id: `screen-${id}`,
    role: 'tabpanel' as const,
    'aria-labelledby': `tab-${id}`,
    className: 'screen',
    hidden: screen !== id,
  });

  return (
    <ConnectionProvider value={connection}>
      <div className="app">
        <TopBar screen={screen} onScreen={setScreen} running={running} />
        <ConnectionBanner connection={connection} />
        {/* Every screen stays mounted so that a half-filled form or a chosen folder survives a tab switch. */}
        <main className="screens">
          <section {...panel('process')}>
            <ProcessView
              active={screen === 'process'}
              settings={settings}
              onSettings={setSettings}
              onStarted={showRun}
            />
          </section>
          <section {...panel('download')}>
            <DownloadView settings={settings} onSettings={setSettings} onStarted={showRun} />
          </section>
          <section {...panel('run')}>
            <LiveRunView
              snapshot={snapshot}
              runId={watchedRunId}
              pendingCompare={pendingCompare}
              onSelectRun={setLiveRunId}
              onCompareWithOneWorker={compareWithOneWorker}
              onShowHistory={() => setScreen('history')}
              onGo={(s) => setScreen(s)}
              onStarted={showRun}
              onShowResults={showResults}
            />
          </section>
          <section {...panel('history')}>
            <HistoryView
              active={screen === 'history'}
              onCompare={openCompare}
              onRerunStarted={showRun}
              onCompareWithOneWorker={compareWithOneWorker}
              onGo={(s) => setScreen(s)}
              onShowResults={showResults}
            />
          </section>
          <section {...panel('results')}>
            <ResultsView
              active={screen === 'results'}
              runId={resultsRunId}
              onStarted={showRun}
              onGoHistory={() => setScreen('history')}
            />
          </section>
          <section {...panel('compare')}>
            {screen === 'compare' || compare.runIds.length > 0 ? (
              <CompareView
                active={screen === 'compare'}
                selection={compare}
                onBaseline={(baseline) => setCompare((c) => ({ ...c, baseline }))}
                onGoHistory={() => setScreen('history')}
              />
            ) : null}
          </section>
        </main>
      </div>
    </ConnectionProvider>
  );
}
