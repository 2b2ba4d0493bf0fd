// The chosen folder's photos: count, total size and megapixels, a virtualised grid of thumbnails
// (made by the engine's workers, arriving as they are made), and for the photo clicked a live
// preview of the current settings beside the original, with its encoded size and time.
import { useState } from 'react';
import type { PhotobatchClient } from '../../../../shared/contract.js';
import type { ProcessSettings } from '../../../../shared/settings.js';
import { formatBytes, formatDuration, formatNumber } from '../../../../shared/format-figures.js';
import { formatSizeChange, grewLarger, sizeChange } from '../../../../shared/savings.js';
import { ThumbnailGrid } from '../../common/ThumbnailGrid.js';
import { plural } from '../../common/format.js';
import type { SelectionPhotosState } from './use-selection-photos.js';
import { usePhotoPreview } from './use-photo-preview.js';

export function SelectionPhotosPanel({
  client,
  state,
  settings,
}: {
  client: PhotobatchClient;
  state: SelectionPhotosState;
  /** The form's settings when valid; null while a field is invalid (the preview waits). */
  settings: Partial<ProcessSettings> | null;
}) {
  const listed = state.kind === 'listed' ? state.photos : null;
  const [chosen, setChosen] = useState<{ selectionId: string; index: number } | null>(null);
  const current = chosen && listed && chosen.selectionId === listed.selectionId ? chosen : null;
  const preview = usePhotoPreview(client, current, settings);
  if (state.kind === 'none') return null;
  if (state.kind === 'listing')
    return (
      <section className="panel photos-panel" aria-label="Photos">
        <p className="muted">Reading the folder’s photos…</p>
      </section>
    );
  if (state.kind === 'error')
    return (
      <section className="panel photos-panel" aria-label="Photos">
        <p className="danger">Could not list the photos: {state.message}</p>
      </section>
    );
  const photos = listed!;
  if (photos.photos.length === 0) return null;
  const photo = current ? photos.photos[current.index] : null;
  const shown =
    preview.kind === 'made' ? preview.preview : preview.kind === 'making' ? preview.last : null;
  return (
    <section className="panel photos-panel" aria-labelledby="photos-title">
      <div className="row">
        <h2 id="photos-title" className="grow">
          Photos
        </h2>
        <span className="muted num" data-testid="selection-totals">
          {plural(photos.photos.length, 'photo')}
          {photos.complete ? '' : ' (at least)'} · {formatBytes(photos.totalBytes)} ·{' '}
          {formatNumber(photos.megapixels, 'MP')}
        </span>
      </div>
      {photo && current ? (
        <div className="preview" aria-live="polite" aria-busy={preview.kind === 'making'}>
          <figure>
            <img
              src={client.pictureUrl({ ...current, large: true })}
              alt={`${photo.name}, original`}
              className="preview-image"
            />
            <figcaption>
              <strong>Original</strong> · {formatBytes(photo.bytes)}
              {photo.width ? ` · ${photo.width}×${photo.height}` : ''}
            </figcaption>
          </figure>
          <figure>
            {shown ? (
              <img
                src={client.pictureUrl({ previewId: shown.previewId })}
                alt={`${photo.name} with the current settings`}
                className="preview-image"
              />
            ) : (
              <span className="preview-image thumb-placeholder" aria-hidden="true" />
            )}
            <figcaption data-testid="preview-figures">
              <strong>With these settings</strong>
              {shown ? (
                <>
                  {' · '}
                  <span className={grewLarger(shown.bytesIn, shown.encodedBytes) ? 'warn' : ''}>
                    {formatSizeChange(sizeChange(shown.bytesIn, shown.encodedBytes))}
                  </span>
                  {` · ${shown.width}×${shown.height} ${shown.format.toUpperCase()} · ${formatDuration(shown.ms)}`}
                </>
              ) : null}
              {preview.kind === 'making' ? <span className="muted"> · updating…</span> : null}
              {preview.kind === 'error' ? (
                <span className="danger"> · {preview.message}</span>
              ) : null}
              {settings === null ? (
                <span className="muted"> · fix the settings to see a preview</span>
              ) : null}
            </figcaption>
          </figure>
        </div>
      ) : (
        <p className="muted small">
          Click a photo to preview the settings on it. Nothing is written until you start.
        </p>
      )}
      <ThumbnailGrid
        count={photos.photos.length}
        label={plural(photos.photos.length, 'photo')}
        selected={current?.index ?? null}
        onSelect={(index) => setChosen({ selectionId: photos.selectionId, index })}
        cell={(index) => {
          const p = photos.photos[index]!;
          return {
            key: `${photos.selectionId}:${index}`,
            src: client.pictureUrl({ selectionId: photos.selectionId, index }),
            name: p.name,
            caption: `${formatBytes(p.bytes)}${p.width ? ` · ${p.width}×${p.height}` : ''}`,
          };
        }}
      />
    </section>
  );
}
