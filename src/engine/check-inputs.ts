/**
 * `inputs:check`: what a process run of these inputs would do, before Start: the photos it would
 * process and the files it would skip, named and grouped by reason. It is the run's own scanner
 * (the same verdicts, the same order), so the window never promises what the run will not do.
 */
import { stat } from 'node:fs/promises';
import type { InputsCheck } from '../shared/contract.js';
import { describeFsError, fsErrorCode } from './fs-error-words.js';
import { scanInputs } from './scan-inputs.js';
import { printableName, reasonWithoutName } from './scan-entry.js';

/** Names listed per reason: enough to recognise, few enough for one line. */
const NAMES_PER_REASON = 5;
/** Files looked at before the answer says "at least": a check must stay quick on any folder. */
const MAX_ENTRIES = 100_000;

/** Scans `inputs` (absolute paths) as a run would, without touching anything. */
export async function checkInputs(inputs: readonly string[]): Promise<InputsCheck> {
  for (const input of inputs) {
    const problem = await stat(input).then(
      () => null,
      (error: unknown) =>
        fsErrorCode(error) === 'ENOENT'
          ? `${input}: there is no file or folder here`
          : `${input}: can't be read: ${describeFsError(error)}`,
    );
    if (problem) return { images: 0, skipped: [], problem, complete: true };
  }
  let images = 0;
  let seen = 0;
  const groups = new Map<string, { reason: string; count: number; names: string[] }>();
  for await (const entry of scanInputs([...inputs], { trustPictureNames: true })) {
    if (++seen > MAX_ENTRIES)
      return { images, skipped: [...groups.values()], problem: null, complete: false };
    if (entry.verdict === 'image') {
      images++;
      continue;
    }
    const reason = reasonWithoutName(entry, entry.reason);
    let group = groups.get(reason);
    if (!group) groups.set(reason, (group = { reason, count: 0, names: [] }));
    group.count++;
    if (group.names.length < NAMES_PER_REASON)
      group.names.push(printableName(entry.relativePath || entry.source));
  }
  return { images, skipped: [...groups.values()], problem: null, complete: true };
}
