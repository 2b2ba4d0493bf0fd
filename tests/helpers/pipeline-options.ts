/** The pipeline options the pipeline tests start from: no operation, exact, keep-no-gps. */
import type { PipelineOptions } from '../../src/shared/worker-messages.js';
import { DEFAULT_LIMIT_INPUT_PIXELS } from '../../src/shared/settings.js';

/** Nothing but a re-encode, at `quality`. */
export function plainOptions(quality = 80): PipelineOptions {
  return {
    blur: null,
    fit: null,
    format: 'keep',
    quality,
    pipeline: 'exact',
    limitInputPixels: DEFAULT_LIMIT_INPUT_PIXELS,
    metadata: 'keep-no-gps',
  };
}
