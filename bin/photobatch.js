#!/usr/bin/env node
// The CLI is TypeScript compiled to out/node by `npm run build` (run by `npm install` through
// `prepare`), and bundled into out/node/cli-bundle (scripts/bundle-node.mjs), which starts sooner:
// used while it is newer than the compiled files, so a stale bundle is never run.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = new URL('../out/node/', import.meta.url);
const compiled = fileURLToPath(new URL('cli/main.js', out));
if (!existsSync(compiled)) {
  process.stderr.write(
    'photobatch: the CLI is not built yet; run `npm run build` in the project folder.\n',
  );
  process.exit(2);
}
// Developers' stack traces (PHOTOBATCH_DEBUG=1) name the TypeScript sources, not built lines.
if (process.env.PHOTOBATCH_DEBUG === '1') process.setSourceMapsEnabled(true);
const bundled = fileURLToPath(new URL('cli-bundle/main.js', out));
const fresh = existsSync(bundled) && statSync(bundled).mtimeMs >= statSync(compiled).mtimeMs;
// Both from one build: the last resort and the runs it ends share their modules.
const dir = new URL(fresh ? 'cli-bundle/' : 'cli/', out);
// Installed first: an exception that escapes anywhere ends live runs `failed` in one line.
const { installCliLastResort } = await import(new URL('last-resort.js', dir).href);
installCliLastResort(process.stderr);
const { main } = await import(new URL('main.js', dir).href);
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
