// photobatch's own worker pipeline (the built out/node/worker/run-pipeline.js, as the CLI's
// workers run it) called directly, without the engine: no scan, no IPC, no SQLite. Set between
// plain sharp and the CLI, it splits the difference into pipeline cost and engine cost.
//
// usage: node pipeline-only.mjs --out DIR [--blur SIGMA] [--fit WxH] [--pipeline exact|fast]
//                               [--processes=N] [--in-flight=K] (--list FILE | PHOTO...)
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { parseFit, splitWork } from './split-work.mjs';

const built = new URL('../../../out/node/worker/run-pipeline.js', import.meta.url);
const { runPipeline } = await import(built.href);
let taskId = 0;

await splitWork(
  fileURLToPath(import.meta.url),
  { pipeline: { type: 'string', default: 'exact' } },
  () => {
    // As src/worker/serve-image-tasks.ts does on init.
    sharp.concurrency(1);
    sharp.cache(false);
  },
  async (file, values) => {
    const [width, height] = parseFit(values.fit);
    const output = join(values.out, basename(file));
    await runPipeline({
      taskId: taskId++,
      source: file,
      output,
      temp: `${output}.${process.pid}.tmp`,
      outputFormat: 'jpeg',
      options: {
        blur: values.blur === undefined ? null : Number(values.blur),
        fit: width === null ? null : { width, height },
        format: 'keep',
        quality: 80,
        pipeline: values.pipeline,
        limitInputPixels: 268402689,
      },
    });
  },
);
