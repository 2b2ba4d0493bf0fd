// Tune, on Process (workers) and Download (downloads at once): the button that measures this
// computer on a sample, its progress, what it recommended (and that the form now uses it), and
// the scaling charts — processing's and downloading's side by side once both exist.
import type { SweepCombination, TunedChoice } from '../../../shared/sweep-result.js';
import type { SweepResult } from '../../../shared/sweep-result.js';
import { ScalingChart } from './ScalingChart.js';
import type { Tune } from './use-tune.js';

/** "2 workers", "16 at once". */
export function combinationWords(kind: SweepResult['kind'], c: SweepCombination): string {
  if (kind === 'download') return `${c.concurrency ?? '?'} downloads at once`;
  const w = c.workers ?? 1;
  return `${w} worker${w === 1 ? '' : 's'}`;
}

/** "2 Dec": the day a tune was measured. */
export function tuneDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

function valueOf(kind: SweepResult['kind'], c: SweepCombination): number | null {
  return kind === 'download' ? c.concurrency : c.workers;
}

const CHART_TITLES = {
  process: 'Processing (CPU-bound): speedup by workers',
  download: 'Downloading (I/O-bound): speedup by downloads at once',
} as const;

function TunedLine({
  kind,
  tuned,
  current,
  signature,
  onUse,
}: {
  kind: SweepResult['kind'];
  tuned: TunedChoice;
  current: number | null;
  signature: string | null;
  onUse: (choice: TunedChoice) => void;
}) {
  const what = combinationWords(kind, tuned.combination);
  const day = tuneDay(tuned.at);
  if (kind === 'process' && tuned.signature !== signature) {
    return (
      <p className="muted small">
        Tune on {day} measured other settings ({tuned.signature}); tune again for these.
      </p>
    );
  }
  if (current === valueOf(kind, tuned.combination)) {
    return (
      <p className="tuned small">
        <strong>{what}</strong> — recommended for this computer by Tune on {day}
      </p>
    );
  }
  return (
    <p className="small">
      Tune on {day} recommended {what} for this computer.{' '}
      <button type="button" className="link" onClick={() => onUse(tuned)}>
        Use {what}
      </button>
    </p>
  );
}

/**
 * The newest scaling charts measured here: this screen's kind alone, or (`both`) processing's and
 * downloading's side by side once both exist — the CPU-bound curve flattens where the I/O-bound
 * one climbs.
 */
export function TuneCharts({
  latest,
  kind,
  both,
}: {
  latest: Tune['latest'];
  kind: SweepResult['kind'];
  both: boolean;
}) {
  const charts = (both ? (['download', 'process'] as const) : [kind])
    .map((k) => ({ k, result: latest?.[k] ?? null }))
    .filter((c): c is { k: 'process' | 'download'; result: SweepResult } => c.result !== null);
  if (charts.length === 0) return null;
  return (
    <div className={`tune-charts${charts.length > 1 ? ' pair' : ''}`}>
      {charts.map(({ k, result }) => (
        <ScalingChart key={`${k}-${result.sweepId}`} result={result} title={CHART_TITLES[k]} />
      ))}
    </div>
  );
}

export function TuneSection({
  kind,
  tune,
  current,
  signature,
  unavailable,
  onTune,
  onUse,
  showChart = true,
}: {
  kind: SweepResult['kind'];
  tune: Tune;
  /** False where the screen shows the charts elsewhere (Download: beside the address list). */
  showChart?: boolean;
  /** What the form has now: workers, or downloads at once; null while the field is invalid. */
  current: number | null;
  /** Process: the form's settings as Tune compares them (`tuneSignature`); download: null. */
  signature: string | null;
  /** Why Tune cannot run now ("choose photos first"); null when it can. */
  unavailable: string | null;
  onTune: () => void;
  onUse: (choice: TunedChoice) => void;
}) {
  const { latest, progress, error } = tune;
  const tuned = latest?.tuned[kind] ?? null;
  const step =
    progress?.index != null && progress.of != null && progress.combination
      ? `Tuning: ${combinationWords(kind, progress.combination)} (${progress.index + 1} of ${progress.of})…`
      : 'Tuning: choosing a sample…';
  const explanation =
    kind === 'process'
      ? 'Times a sample of these photos (up to 12) with 1 worker, 2, … one more than the cores, and keeps the fastest.'
      : 'Downloads a sample of these addresses (up to 30) 1, 4, 16 and 64 at once, and keeps the fastest.';
  return (
    <section
      className="tune wide"
      aria-label={kind === 'process' ? 'Tune workers' : 'Tune downloads at once'}
    >
      {tuned ? (
        <TunedLine
          kind={kind}
          tuned={tuned}
          current={current}
          signature={signature}
          onUse={onUse}
        />
      ) : null}
      <div className="row">
        <button type="button" onClick={onTune} disabled={progress !== null || unavailable !== null}>
          Tune
        </button>
        {progress ? (
          <button type="button" onClick={tune.cancel} disabled={progress.sweepId === null}>
            Cancel Tune
          </button>
        ) : null}
        <span className="muted small grow" role="status" aria-live="polite">
          {progress ? step : (unavailable ?? explanation)}
        </span>
      </div>
      {error ? (
        <p className="error small" role="alert">
          {error}
        </p>
      ) : null}
      {showChart ? <TuneCharts latest={latest} kind={kind} both={false} /> : null}
    </section>
  );
}
