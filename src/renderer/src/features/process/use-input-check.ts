// Asks the engine what a run of the chosen inputs would do (`inputs:check`, the run's own
// scanner), each time the choice changes and again after a reconnection.
import { useEffect, useState } from 'react';
import type { InputsCheck, PhotobatchClient } from '../../../../shared/contract.js';
import { errorMessage } from '../../common/errors.js';

/** Where the check of the current choice stands. */
export type InputCheckState =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'checked'; check: InputsCheck }
  | { kind: 'error'; message: string };

/** The check of `inputs` (null: nothing chosen); `epoch` re-checks after a reconnection. */
export function useInputCheck(
  client: PhotobatchClient,
  inputs: readonly string[] | null,
  epoch: number,
): InputCheckState {
  const key = inputs ? JSON.stringify(inputs) : null;
  const [state, setState] = useState<{ key: string | null; value: InputCheckState }>({
    key: null,
    value: { kind: 'none' },
  });
  useEffect(() => {
    if (key === null) return;
    let stale = false;
    client.invoke('inputs:check', { inputs: JSON.parse(key) as string[] }).then(
      (check) => {
        if (!stale) setState({ key, value: { kind: 'checked', check } });
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
  return state.key === key ? state.value : { kind: 'checking' };
}

/** Whether Start can go: something to process, or the check could not tell (the run will). */
export function checkAllowsStart(state: InputCheckState): boolean {
  if (state.kind !== 'checked') return state.kind === 'error';
  return state.check.problem === null && state.check.images > 0;
}
