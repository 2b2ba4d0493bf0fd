/** Turns a dispatcher's outcome for one image into the item's stored fields. */
import { metadataPolicyOf } from '../shared/settings.js';
import type { ProcessSettings } from '../shared/settings.js';
import type { PipelineOptions } from '../shared/worker-messages.js';
import type { ItemUpdate } from '../db/store-types.js';
import type { TaskOutcome } from './task-dispatcher.js';
import { operationOptionsOf } from './operation-options.js';
import { keptOriginalNote } from '../shared/kept-original.js';

/** The item fields a done or failed outcome sets; `failedBecause` words a failure for its context. */
export function outcomeUpdate(
  seq: number,
  outcome: Exclude<TaskOutcome, { kind: 'mismatch' }>,
  failedBecause: (error: string) => string = (error) => error,
): ItemUpdate {
  const common = {
    seq,
    workerId: outcome.workerId,
    attempts: outcome.attempts,
    startMs: outcome.startMs,
    endMs: outcome.endMs,
  };
  if (outcome.kind === 'failed')
    return { ...common, status: 'failed', error: failedBecause(outcome.error) };
  const r = outcome.result;
  return {
    ...common,
    status: 'ok',
    bytesIn: r.bytesIn,
    bytesOut: r.bytesOut,
    widthIn: r.widthIn,
    heightIn: r.heightIn,
    widthOut: r.widthOut,
    heightOut: r.heightOut,
    readMs: r.readMs,
    opsMs: r.opsMs,
    encodeMs: r.encodeMs,
    frames: r.pages,
    outputMtimeMs: r.outputMtimeMs ?? null,
    // An ok item's note: only-smaller kept its original.
    ...(r.encodedBytes !== undefined ? { error: keptOriginalNote(r.bytesIn, r.encodedBytes) } : {}),
  };
}

/** The part of the settings a worker needs (task messages stay small and self-contained). */
export function pipelineOptionsOf(settings: ProcessSettings): PipelineOptions {
  return {
    blur: settings.blur,
    fit: settings.fit,
    format: settings.format,
    quality: settings.quality,
    pipeline: settings.pipeline,
    limitInputPixels: settings.limitInputPixels,
    metadata: metadataPolicyOf(settings),
    ...operationOptionsOf(settings),
  };
}
