// The stored record of a run the window did not see start (opened from History while running, or
// after a reload): its label and output folder come from the store.
import { useEffect, useState } from 'react';
import type { PhotobatchClient } from '../../../../shared/contract.js';
import type { RunRecord } from '../../../../shared/records.js';

/** `known` when the tracker has it; otherwise fetched once per run id (null until it arrives). */
export function useRunRecord(
  client: PhotobatchClient,
  runId: number | null,
  known: RunRecord | null,
): RunRecord | null {
  const [fetched, setFetched] = useState<RunRecord | null>(null);
  useEffect(() => {
    if (runId === null || known) return;
    let stale = false;
    client.invoke('runs:get', { runId }).then(
      ({ run }) => {
        if (!stale) setFetched(run);
      },
      () => undefined, // Not stored (yet): the live figures still show; the title says "Run N".
    );
    return () => {
      stale = true;
    };
  }, [client, runId, known]);
  return known ?? (fetched?.id === runId ? fetched : null);
}
