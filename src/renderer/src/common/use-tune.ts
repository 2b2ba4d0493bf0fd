// Tune from the window: starts a sweep (`sweep:start`), follows it (`sweep:progress`,
// `sweep:finished`), and keeps the newest sweeps measured on this computer (`sweeps:latest`) for
// the scaling charts and the "recommended by Tune" line. Process and Download each use one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CommandInput,
  LatestSweeps,
  PhotobatchClient,
  SweepFinished,
} from '../../../shared/contract.js';
import type { SweepCombination, SweepResult } from '../../../shared/sweep-result.js';
import { errorMessage } from './errors.js';

/** A sweep of this screen in progress. */
export interface TuneProgress {
  /** Null until `sweep:start` has answered. */
  sweepId: number | null;
  /** The combination running now (0-based), of `of`; null before the first run has started. */
  index: number | null;
  of: number | null;
  combination: SweepCombination | null;
}

/** What a screen's Tune shows. */
export interface Tune {
  latest: LatestSweeps | null;
  progress: TuneProgress | null;
  error: string | null;
  start(input: CommandInput<'sweep:start'>): void;
  cancel(): void;
}

/** Follows the tunes of one kind; `onFinished` hears this screen's own sweep end. */
export function useTune(
  client: PhotobatchClient,
  kind: SweepResult['kind'],
  /** Re-reads the newest sweeps when it changes (a reconnection). */
  epoch: number,
  onFinished?: (finished: SweepFinished) => void,
): Tune {
  const [latest, setLatest] = useState<LatestSweeps | null>(null);
  const [progress, setProgress] = useState<TuneProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progressRef = useRef<TuneProgress | null>(null);
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  });
  const show = (p: TuneProgress | null) => {
    progressRef.current = p;
    setProgress(p);
  };

  const reload = useCallback(() => {
    client.invoke('sweeps:latest', {}).then(setLatest, () => undefined);
  }, [client]);
  useEffect(reload, [reload, epoch]);

  useEffect(
    () =>
      client.onEvent((event) => {
        const mine = progressRef.current;
        if (event.name === 'sweep:progress' && event.payload.kind === kind && mine) {
          // The first run can start before `sweep:start` has answered with the sweep's id.
          if (mine.sweepId !== null && mine.sweepId !== event.payload.sweepId) return;
          show({
            sweepId: event.payload.sweepId,
            index: event.payload.index,
            of: event.payload.of,
            combination: event.payload.combination,
          });
        }
        if (event.name === 'sweep:finished') {
          reload();
          if (event.payload.kind !== kind || !mine) return;
          if (mine.sweepId !== null && mine.sweepId !== event.payload.sweepId) return;
          show(null);
          setError(event.payload.error);
          finishedRef.current?.(event.payload);
        }
      }),
    [client, kind, reload],
  );

  const start = (input: CommandInput<'sweep:start'>) => {
    if (progressRef.current) return;
    setError(null);
    show({ sweepId: null, index: null, of: null, combination: null });
    client.invoke('sweep:start', input).then(
      ({ sweepId, combinations }) => {
        const now = progressRef.current;
        // Ended already (a very quick sweep): its `sweep:finished` has been handled.
        if (!now) return;
        show({ ...now, sweepId, of: now.of ?? combinations.length });
      },
      (e: unknown) => {
        show(null);
        setError(`Tune did not start: ${errorMessage(e)}`);
      },
    );
  };

  const cancel = () => {
    const sweepId = progressRef.current?.sweepId;
    if (sweepId) client.invoke('sweep:cancel', { sweepId }).catch(() => undefined);
  };

  return { latest, progress, error, start, cancel };
}
