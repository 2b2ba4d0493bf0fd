// A run's finished outputs as thumbnails while it goes (virtualised: 20,000 stay smooth), in the
// order they finished; failures marked with their reason, outputs larger than their input flagged.
import type { PhotobatchClient } from '../../../../shared/contract.js';
import { formatBytes, formatCount } from '../../../../shared/format-figures.js';
import {
  formatChangePercent,
  formatSizeChange,
  grewLarger,
  sizeChange,
} from '../../../../shared/savings.js';
import type { LiveRun } from '../../common/run-tracker.js';
import { ThumbnailGrid } from '../../common/ThumbnailGrid.js';
import { baseName } from '../../common/format.js';
import { isKeptOriginalNote } from '../../../../shared/kept-original.js';

export function LiveOutputs({ client, run }: { client: PhotobatchClient; run: LiveRun }) {
  const count = run.finishedCount;
  return (
    <section className="panel" aria-labelledby="outputs-title">
      <h2 id="outputs-title">
        Outputs <span className="muted num">({formatCount(count)})</span>
      </h2>
      {count === 0 ? (
        <p className="muted">Each photo shows here as soon as it is done.</p>
      ) : (
        <ThumbnailGrid
          count={count}
          label={`${formatCount(count)} finished photos`}
          cell={(index) => {
            const item = run.finishedItems[index]!;
            // A failed photo has no output: it is named as the user knows it.
            const name = baseName(item.ok ? (item.output ?? item.source) : item.source);
            if (!item.ok)
              return {
                key: item.seq,
                src: null,
                name,
                caption: item.error ?? 'failed',
                mark: 'failed',
              };
            const larger = grewLarger(item.bytesIn, item.bytesOut);
            return {
              key: item.seq,
              src: client.pictureUrl({ runId: run.runId, seq: item.seq, side: 'out' }),
              name,
              // Short enough for the cell; the whole change is its tooltip.
              caption: isKeptOriginalNote(item.error)
                ? 'kept original'
                : item.bytesIn !== null && item.bytesOut !== null
                  ? `${formatChangePercent(sizeChange(item.bytesIn, item.bytesOut).percent)} · ${formatBytes(item.bytesOut)}`
                  : undefined,
              title: isKeptOriginalNote(item.error)
                ? (item.error ?? undefined)
                : item.bytesIn !== null && item.bytesOut !== null
                  ? formatSizeChange(sizeChange(item.bytesIn, item.bytesOut))
                  : undefined,
              mark: larger ? 'larger' : null,
            };
          }}
        />
      )}
    </section>
  );
}
