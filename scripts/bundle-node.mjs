#!/usr/bin/env node
// Bundles the worker entry (and zod, the schemas, the pipeline) into one file for the CLI and the
// web shell: a worker starts about 130 ms sooner than from tsc's ~200 small modules, and every
// run waits for its workers to start. sharp stays external (native), and so do the packages named
// below. The Electron build bundles its own copy with electron-vite. fork-host.ts uses this file only while it is newer than tsc's
// worker-main.js, so a stale bundle is never run.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/worker/worker-main.ts'],
  outfile: 'out/node/worker/worker-bundle.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // exifr (and libheif-js) probe for Node's modules with require, which a bundled ESM file lacks:
  // bundled, exifr printed "Couldn't load fs" from every worker. They load from node_modules.
  external: ['sharp', 'exifr', 'libheif-js', '@jsquash/jxl'],
  logLevel: 'warning',
});
