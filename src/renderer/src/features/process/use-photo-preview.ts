// The live preview of the current settings on the chosen photo: asked of the engine (a worker
// makes it; nothing is written to the output folder) a moment after the settings stop changing,
// and only the newest answer is shown.
import { useEffect, useState } from 'react';
import type { PhotobatchClient } from '../../../../shared/contract.js';
import type { PreviewResult } from '../../../../shared/pictures.js';
import type { ProcessSettings } from '../../../../shared/settings.js';
import { errorMessage } from '../../common/errors.js';

/** Ms the settings must stay still before a preview is asked for. */
export const PREVIEW_DEBOUNCE_MS = 300;

export type PhotoPreviewState =
  | { kind: 'none' }
  | { kind: 'making'; last: PreviewResult | null }
  | { kind: 'made'; preview: PreviewResult }
  | { kind: 'error'; message: string };

export function usePhotoPreview(
  client: PhotobatchClient,
  photo: { selectionId: string; index: number } | null,
  settings: Partial<ProcessSettings> | null,
): PhotoPreviewState {
  // Only what changes the picture: a new worker count is no reason to make it again.
  const shown = settings
    ? {
        blur: settings.blur,
        fit: settings.fit,
        format: settings.format,
        quality: settings.quality,
        pipeline: settings.pipeline,
      }
    : null;
  const key = photo && shown ? JSON.stringify({ photo, settings: shown }) : null;
  const [state, setState] = useState<{ key: string | null; value: PhotoPreviewState }>({
    key: null,
    value: { kind: 'none' },
  });
  useEffect(() => {
    if (key === null) return;
    let stale = false;
    const { photo: p, settings: s } = JSON.parse(key) as {
      photo: { selectionId: string; index: number };
      settings: Partial<ProcessSettings>;
    };
    const timer = setTimeout(() => {
      client.invoke('preview:make', { ...p, settings: s }).then(
        (preview) => {
          if (!stale) setState({ key, value: { kind: 'made', preview } });
        },
        (e: unknown) => {
          if (!stale) setState({ key, value: { kind: 'error', message: errorMessage(e) } });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, key]);
  if (key === null) return { kind: 'none' };
  if (state.key === key) return state.value;
  // While the next one is made, the last one stays in view (no flicker).
  return { kind: 'making', last: state.value.kind === 'made' ? state.value.preview : null };
}
