#!/usr/bin/env node
// The CLI is TypeScript compiled to out/node by `npm run build` (run by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../out/node/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('photobatch: the CLI is not built yet; run `npm run build` in the project folder.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
