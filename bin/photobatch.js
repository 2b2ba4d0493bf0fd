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
process.exitCode = await main(process.argv.slice(2));
