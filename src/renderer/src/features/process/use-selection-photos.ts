// The photos of the chosen inputs (`inputs:photos`: the run's scanner, headers read), asked
// anew when the choice changes or after a reconnection.
import { useEffect, useState } from 'react';
import type { PhotobatchClient } from '../../../../shared/contract.js';
import type { SelectionPhotos } from '../../../../shared/pictures.js';
import { errorMessage } from '../../common/errors.js';

/** Where the listing of the current choice stands. */
export type SelectionPhotosState =
  | { kind: 'none' }
  | { kind: 'listing' }
  | { kind: 'listed'; photos: SelectionPhotos }
  | { kind: 'error'; message: string };

export function useSelectionPhotos(
  client: PhotobatchClient,
  inputs: readonly string[] | null,
  epoch: number,
): SelectionPhotosState {
  const key = inputs ? JSON.stringify(inputs) : null;
  const [state, setState] = useState<{ key: string | null; value: SelectionPhotosState }>({
    key: null,
    value: { kind: 'none' },
  });
  useEffect(() => {
    if (key === null) return;
    let stale = false;
    client.invoke('inputs:photos', { inputs: JSON.parse(key) as string[] }).then(
      (photos) => {
        if (!stale) setState({ key, value: { kind: 'listed', photos } });
      },
      (e: unknown) => {
        if (!stale) setState({ key, value: { kind: 'error', message: errorMessage(e) } });
      },
    );
    return () => {
      stale = true;
    };
  }, [client, key, epoch]);
  if (key === null) return { kind: 'none' };
  return state.key === key ? state.value : { kind: 'listing' };
}
