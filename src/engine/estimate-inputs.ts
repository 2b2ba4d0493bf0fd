/**
 * `estimate`: how many images the inputs hold, how many megapixels, and how long processing them
 * would take on this machine, from its history. Reads headers only; nothing is processed or stored.
 */
import type { RunStore } from '../db/run-store.js';
import type { RunEstimate } from '../shared/run-estimate.js';
import type { ProcessSettings } from '../shared/settings.js';
import { collectImages } from './collect-images.js';
import { mapLimited, readImageDimensions } from './image-headers.js';
import { machineInfo } from './machine-info.js';
import { estimateFromHistory } from './run-estimates.js';

/** What `estimate` answers. */
export type InputsEstimate = { images: number; megapixels: number } & RunEstimate;

/** Headers read at once: enough to hide the disk's latency, few enough to stay polite. */
const HEADER_READS_AT_ONCE = 16;

/** Scans `inputs`, reads their headers and predicts from the store's history. */
export async function estimateInputs(
  inputs: readonly string[],
  settings: ProcessSettings,
  store: RunStore,
): Promise<InputsEstimate> {
  const images = await collectImages(inputs);
  const sizes = await mapLimited(images, HEADER_READS_AT_ONCE, readImageDimensions);
  const known = sizes.filter((s) => s !== null);
  const knownMp = known.reduce((sum, s) => sum + (s.width * s.height) / 1e6, 0);
  // Images whose header could not be read count as the average of the others.
  const megapixels =
    known.length === 0 ? 0 : knownMp + (knownMp / known.length) * (images.length - known.length);
  const estimate = estimateFromHistory(store, {
    settings,
    images: images.length,
    megapixels: known.length === 0 ? null : megapixels,
    machine: machineInfo(),
  });
  return { images: images.length, megapixels: Math.round(megapixels * 100) / 100, ...estimate };
}
