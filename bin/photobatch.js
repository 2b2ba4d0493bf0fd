#!/usr/bin/env node
// The CLI is TypeScript compiled to out/node by `npm run build` (run by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const out = new URL('../out/node/', import.meta.url);
const entry = fileURLToPath(new URL('cli/main.js', out));
if (!existsSync(entry)) {
  process.stderr.write(
    'photobatch: the CLI is not built yet; run `npm run build` in the project folder.\n',
  );
  process.exit(2);
}
// Installed first: an exception that escapes anywhere ends live runs `failed` in one line.
const { installCliLastResort } = await import(new URL('cli/last-resort.js', out).href);
installCliLastResort(process.stderr);
const { main } = await import(pathToFileURL(entry).href);
const status = await main(process.argv.slice(2));
// Leave at once with the status, once what was written has been handed to the OS. Waiting for the
// event loop to drain instead leaves a window at teardown where Node has closed its signal
// handlers: a Ctrl-C or SIGTERM landing in it kills the process by the signal (130 would become
// 143), which is the status scripts read.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(status);

/** Resolves once everything written to `stream` so far is out (or the stream is gone). */
function flushed(stream) {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.once('error', () => resolve());
    stream.write('', () => resolve());
  });
}
