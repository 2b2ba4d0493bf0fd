/** The pipeline options the pipeline tests start from (no operation, exact, keep-no-gps), and a run of it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineOptions, WritableFormat } from '../../src/shared/worker-messages.js';
import { DEFAULT_LIMIT_INPUT_PIXELS } from '../../src/shared/settings.js';
import { runPipeline } from '../../src/worker/run-pipeline.js';
import { makeTempDir } from './make-images.js';

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

/**
 * Runs the worker's pipeline on `source` into a new temp folder, as a task of its own, and gives
 * its result and the output's path.
 */
export async function pipelineOutput(
  source: string,
  format: WritableFormat,
  options: PipelineOptions,
): Promise<{ result: Awaited<ReturnType<typeof runPipeline>>; output: string }> {
  const dir = await makeTempDir();
  const output = path.join(dir, `out.${format === 'jpeg' ? 'jpg' : format}`);
  const result = await runPipeline(
    {
      taskId: 1,
      source,
      output,
      temp: path.join(dir, '.out.tmp'),
      outputFormat: format,
      options,
      expect: null,
    },
    await readFile(source),
  );
  return { result, output };
}
