// What a pasted list holds, live: addresses to fetch, duplicates, and each bad line with its reason,
// read by the same rules the engine fetches by (src/shared/url-list.ts).
// A bad line is a button that selects that line in the text box, so it can be fixed from the keyboard.
import { formatCount } from '../../../../shared/format-figures.js';
import type { ParsedUrlList, UrlListLine } from '../../../../shared/url-list.js';
import { plural } from '../../common/format.js';

/** A line the run will not fetch, with its reason. */
export type BadUrlLine = Extract<UrlListLine, { kind: 'bad' }>;

const SHOWN = 100;

export function UrlCheckSummary({
  list,
  onJump,
}: {
  list: ParsedUrlList;
  onJump: (bad: BadUrlLine) => void;
}) {
  const { urls, duplicates } = list;
  const bad = list.lines.filter((l): l is BadUrlLine => l.kind === 'bad');
  return (
    <div className="url-check">
      <p role="status" aria-live="polite" className="url-counts">
        <strong className={urls > 0 ? 'ok' : undefined}>
          {plural(urls, 'address', 'addresses')} to download
        </strong>
        {duplicates > 0 ? (
          <span className="muted"> · {plural(duplicates, 'duplicate')} (fetched once)</span>
        ) : null}
        {bad.length > 0 ? (
          <span className="danger"> · {plural(bad.length, 'bad line')}</span>
        ) : null}
      </p>
      {bad.length > 0 ? (
        <div className="bad-lines">
          <p className="muted">
            Bad lines are skipped and listed as failures. Click one to select it in the box:
          </p>
          <ul aria-label="Bad lines">
            {bad.slice(0, SHOWN).map((b) => (
              <li key={b.line}>
                <button type="button" className="bad-line" onClick={() => onJump(b)}>
                  <span className="line-no num">Line {b.line}</span>
                  <code className="truncate">{b.source}</code>
                  <span className="reason">{b.reason}</span>
                </button>
              </li>
            ))}
          </ul>
          {bad.length > SHOWN ? (
            <p className="muted">…and {formatCount(bad.length - SHOWN)} more.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
