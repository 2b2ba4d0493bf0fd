// The presets as the Process screen knows them: loaded from the engine (again after a
// reconnection), and every change (save, rename, delete, import) answered with the new list.
import { useCallback, useEffect, useState } from 'react';
import type { PhotobatchClient } from '../../../../shared/contract.js';
import type { Preset } from '../../../../shared/presets.js';
import { errorMessage } from '../../common/errors.js';

/** The list, what the last action said (or why it failed), and the actions. */
export interface Presets {
  presets: Preset[];
  /** What the last action did, in words, for a status line; null before any. */
  note: { text: string; failed: boolean } | null;
  /** Runs an action that answers with the new list; resolves true when it succeeded. */
  act<R extends { presets: Preset[] }>(
    action: () => Promise<R>,
    said: (result: R) => string,
  ): Promise<boolean>;
  say(text: string, failed?: boolean): void;
}

export function usePresets(client: PhotobatchClient, epoch: number): Presets {
  const [presets, setPresets] = useState<Preset[]>([]);
  const [note, setNote] = useState<Presets['note']>(null);
  useEffect(() => {
    let live = true;
    client.invoke('presets:list', {}).then(
      (r) => live && setPresets(r.presets),
      (e: unknown) =>
        live && setNote({ text: `Presets could not be read: ${errorMessage(e)}`, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [client, epoch]);
  const act = useCallback(async function act<R extends { presets: Preset[] }>(
    action: () => Promise<R>,
    said: (result: R) => string,
  ): Promise<boolean> {
    try {
      const result = await action();
      setPresets(result.presets);
      setNote({ text: said(result), failed: false });
      return true;
    } catch (e) {
      setNote({ text: errorMessage(e), failed: true });
      return false;
    }
  }, []);
  const say = useCallback((text: string, failed = false) => setNote({ text, failed }), []);
  return { presets, note, act, say };
}
