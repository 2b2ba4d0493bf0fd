// How long the chosen photos would take with the settings on the form (`inputs:estimate`: past
// runs on this computer), and what the newest sweep here recommends; asked again, after a pause,
// as the choice or the settings change.
import { useEffect, useState } from 'react';
import type { InputsEstimateResult, PhotobatchClient } from '../../../../shared/contract.js';
import type { ProcessSettings } from '../../../../shared/settings.js';

/** Typing in a field should not ask once per key. */
const PAUSE_MS = 400;

/** The answer for the current choice and settings; null while there is none (yet). */
export function useRunEstimate(
  client: PhotobatchClient,
  inputs: readonly string[] | null,
  /** The form's settings (the engine fills in the rest from the remembered ones). */
  settings: Partial<ProcessSettings> | null,
  /** Asks again when it changes: a reconnection, or the screen shown again (runs may have ended). */
  refresh: string,
): InputsEstimateResult | null {
  const key = inputs && settings ? JSON.stringify({ inputs, settings }) : null;
  const [answer, setAnswer] = useState<{ key: string; value: InputsEstimateResult } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let stale = false;
    const timer = setTimeout(() => {
      const asked = JSON.parse(key) as { inputs: string[]; settings: Partial<ProcessSettings> };
      client.invoke('inputs:estimate', asked).then(
        (value) => {
          if (!stale) setAnswer({ key, value });
        },
        // No estimate is no loss: the form works without one.
        () => undefined,
      );
    }, PAUSE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [client, key, refresh]);
  // Kept while a new answer comes for the same choice: no flicker on each refresh.
  return answer && answer.key === key ? answer.value : null;
}
