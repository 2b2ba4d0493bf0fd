/**
 * The images under some inputs, as the scanner finds them (same order, same rules), for the
 * commands that look before they run: `estimate` and `sweep`'s sample.
 */
import { stat } from 'node:fs/promises';
import { scanInputs } from './scan-inputs.js';
import { UsageError } from './usage-error.js';

/** There is no image under the inputs (a `UsageError`: a run of them would have nothing to do). */
export class NoImagesError extends UsageError {}

/** Every image's path under `inputs`; a `NoImagesError` naming the inputs when there is none. */
export async function collectImages(inputs: readonly string[]): Promise<string[]> {
  for (const input of inputs) {
    try {
      await stat(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
  }
  const images: string[] = [];
  for await (const entry of scanInputs(inputs, { trustPictureNames: true })) {
    if (entry.verdict === 'image') images.push(entry.source);
  }
  if (images.length === 0) throw new NoImagesError(`no images found in ${inputs.join(', ')}`);
  return images;
}
