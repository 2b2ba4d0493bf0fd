#!/usr/bin/env node
// Bundles the two Node entries that start a process into few files: a program made of tsc's ~200
// small modules spends ~100 ms of its start finding and reading them, and both are started often.
// - The worker entry (with zod, the schemas, the pipeline) into one file: every run waits for its
//   workers to start. fork-host.ts uses it only while it is newer than tsc's worker-main.js.
// - The CLI (bin/photobatch.js) into out/node/cli-bundle, one chunk per command (esbuild's
//   splitting keeps the commands' lazy imports lazy). bin/photobatch.js uses it only while it is
//   newer than tsc's cli/main.js. It sits one folder below out/node like tsc's folders, so the
//   paths its modules find beside themselves (the worker entry) are the same.
// Native and file-reading packages stay external and load from node_modules: sharp and
// better-sqlite3 (native), exifr and libheif-js (probe for Node's modules with require, which a
// bundled ESM file lacks: bundled, exifr printed "Couldn't load fs"), @jsquash/jxl (reads its
// .wasm beside itself), bullmq (reads its Lua scripts beside itself) and ioredis, ws, yazl.
// The Electron build bundles its own copy with electron-vite.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const CLI_BUNDLE = 'out/node/cli-bundle';
// Chunks are named by content: the last build's would pile up.
await rm(CLI_BUNDLE, { recursive: true, force: true });

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Beside each file, as tsc writes them: PHOTOBATCH_DEBUG=1's stack traces name src/ lines.
  sourcemap: true,
};
const WORKER_EXTERNAL = ['sharp', 'exifr', 'libheif-js', '@jsquash/jxl'];

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/worker/worker-main.ts'],
    outfile: 'out/node/worker/worker-bundle.js',
    external: WORKER_EXTERNAL,
  }),
  build({
    ...common,
    entryPoints: { main: 'src/cli/main.ts', 'last-resort': 'src/cli/last-resort.ts' },
    outdir: CLI_BUNDLE,
    splitting: true,
    external: [...WORKER_EXTERNAL, 'better-sqlite3', 'bullmq', 'ioredis', 'ws', 'yazl'],
  }),
]);
