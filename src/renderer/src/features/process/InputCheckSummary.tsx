// What the chosen inputs hold, before Start: "36 photos to process", and every kind of file that
// will be skipped, named ("skipped: readme.txt, .DS_Store — not an image").
import { formatCount } from '../../../../shared/format-figures.js';
import { plural } from '../../common/format.js';
import type { InputCheckState } from './use-input-check.js';

export function InputCheckSummary({ state }: { state: InputCheckState }) {
  if (state.kind === 'none') return null;
  if (state.kind === 'checking')
    return (
      <p className="muted" role="status">
        Looking at what it holds…
      </p>
    );
  if (state.kind === 'error')
    return (
      <p className="muted" role="status">
        Could not look inside before the run: {state.message}
      </p>
    );
  const { check } = state;
  if (check.problem) {
    return (
      <p className="danger input-check" role="alert">
        {check.problem}
      </p>
    );
  }
  const skippedCount = check.skipped.reduce((n, g) => n + g.count, 0);
  return (
    <div className="input-check" role="status">
      {check.images > 0 ? (
        <p className="ok">
          <strong>
            {check.complete ? '' : 'At least '}
            {plural(check.images, 'photo')} to process
          </strong>
          {skippedCount > 0 ? `, ${formatCount(skippedCount)} skipped` : ''}
        </p>
      ) : (
        <p className="danger">
          <strong>No photos here: nothing to process.</strong>{' '}
          {skippedCount > 0 ? 'Only files that are not photos:' : 'The folder is empty.'}
        </p>
      )}
      {check.skipped.length > 0 ? (
        <ul className="skipped-list">
          {check.skipped.map((g) => (
            <li key={g.reason} className="small">
              skipped: {g.names.join(', ')}
              {g.count > g.names.length
                ? ` and ${formatCount(g.count - g.names.length)} more`
                : ''}{' '}
              <span className="muted">— {g.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
