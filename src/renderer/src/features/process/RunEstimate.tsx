// Before Start: "About 1 min 20 s with 2 workers (from 6 past runs)" or why there is no estimate,
// and what the newest sweep on this computer recommends.
import type { InputsEstimateResult } from '../../../../shared/contract.js';
import { formatDuration } from '../../../../shared/format-figures.js';
import { recommendationText } from '../../../../shared/recommendation.js';

export function RunEstimate({
  answer,
  workers,
}: {
  answer: InputsEstimateResult | null;
  workers: number;
}) {
  if (!answer || answer.images === 0) return null;
  const e = answer.estimate;
  const w = `${workers} worker${workers === 1 ? '' : 's'}`;
  return (
    <div className="muted small run-estimate" role="status" aria-live="polite">
      <p>
        {e.estimateMs !== null
          ? `About ${formatDuration(e.estimateMs)} with ${w} (likely ${formatDuration(e.lowMs)} to ${formatDuration(e.highMs)}; from ${e.basedOnRuns} past run${e.basedOnRuns === 1 ? '' : 's'}).`
          : `No estimate yet: ${e.reason.replace('run `photobatch sweep` once', 'run a sweep once (photobatch sweep) to measure this computer')}.`}
      </p>
      {answer.recommendation ? <p>{recommendationText(answer.recommendation)}.</p> : null}
    </div>
  );
}
