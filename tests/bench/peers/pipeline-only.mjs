// photobatch's own worker pipeline (the built out/node/worker/run-pipeline.js, as the CLI's
// workers run it) called directly, without the engine: no scan, no IPC, no SQLite. Set between
// plain sharp and the CLI, it splits the difference into pipeline cost and engine cost. Prints
// one line per image-processing process: `stages {"images":n,"readMs":Σ,"opsMs":Σ,"encodeMs":Σ}`.
//
// usage: node pipeline-only.mjs --out DIR [--blur SIGMA] [--fit WxH] [--pipeline exact|fast]
//                               [--processes=N] [--in-flight=K] (--list FILE | PHOTO...)
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { parseFit, splitWork } from './split-work.mjs';

const built = new URL('../../../out/node/worker/run-pipeline.js', import.meta.url);
const { runPipeline } = await import(built.href);
let taskId = 0;
const sums = { readMs: 0, opsMs: 0, encodeMs: 0 };

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
    const task = {
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
        metadata: 'keep-no-gps',
      },
      // The engine already knows the format (newer builds: the worker checks it when asked).
      expect: null,
    };
    // Older builds' runPipeline(task) reads the file itself; newer ones take the bytes read by the
    // worker's read-ahead, runPipeline(task, bytes, startedAt): here read just before, timed as read.
    const startedAt = performance.now();
    const result =
      runPipeline.length >= 2
        ? await runPipeline(task, await readFile(file), startedAt)
        : await runPipeline(task);
    for (const key of Object.keys(sums)) sums[key] += result[key];
  },
);
// Each process that did images reports its stage sums (the worker's own timers), for the bench to
// set beside the same stages measured inside photobatch.
if (taskId > 0) process.stdout.write(`stages ${JSON.stringify({ images: taskId, ...sums })}\n`);
