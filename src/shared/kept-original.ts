/**
 * `--only-smaller`: when the encoded output would be larger than its input, the input's bytes are
 * kept instead (copied, byte for byte). One rule for the note an item carries and for the name a
 * kept original gets, shared by the worker, the engine, `show` and the window.
 */
import { sizeChange } from './savings.js';

/** The item's note: "kept original (output was 12% larger)". */
export function keptOriginalNote(bytesIn: number, encodedBytes: number): string {
  const percent = sizeChange(bytesIn, encodedBytes).percent ?? 0;
  return `kept original (output was ${Math.max(0, Math.round(percent))}% larger)`;
}

/** Whether an ok item's note says its original was kept. */
export function isKeptOriginalNote(note: string | null | undefined): boolean {
  return note?.startsWith('kept original (') === true;
}

/** " (2 kept original)" after an ok count, or nothing when none was kept. */
export function keptOriginalCountText(kept: number): string {
  return kept > 0 ? ` (${kept} kept original)` : '';
}

/** Whether the encoded output loses to the input: not smaller, so the original is kept. */
export function keepsOriginal(bytesIn: number, encodedBytes: number): boolean {
  return encodedBytes >= bytesIn;
}

/**
 * Where a kept original goes: the planned output's folder and name, with the input's own
 * extension, so a `.jpg` never holds PNG bytes. (With a fixed output format every planned name
 * ends in that format's extension, so this name is never another output's.)
 */
export function keptOriginalPath(output: string, source: string): string {
  const ext = (p: string) => /\.[^./\\]*$/.exec(p)?.[0] ?? '';
  const sourceExt = ext(source);
  if (sourceExt.toLowerCase() === ext(output).toLowerCase()) return output;
  return output.slice(0, output.length - ext(output).length) + sourceExt;
}
