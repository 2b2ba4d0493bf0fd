/**
 * Where the desktop app finds better-sqlite3 built for Electron's ABI. node_modules keeps the
 * Node build (the CLI, the web shell and the tests run on Node); `npm run rebuild:electron`
 * (scripts/electron-native.mjs) puts an Electron build beside it, one folder per ABI, and a
 * packaged app carries that folder in its resources. sharp needs none of this: it is Node-API.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder of the Electron build for one ABI (`process.versions.modules`), under `base`. */
export function nativeFolder(base: string, abi: string): string {
  return path.join(base, 'native', `electron-abi${abi}`);
}

/** The binding's path when it has been built, else null with what to do about it. */
export function electronSqliteBinding(
  base: string,
  abi: string,
): { path: string } | { path: null; hint: string } {
  const file = path.join(nativeFolder(base, abi), 'better_sqlite3.node');
  if (existsSync(file)) return { path: file };
  return {
    path: null,
    hint: `better-sqlite3 has not been built for this Electron (ABI ${abi}): run \`npm run rebuild:electron\` in the project folder.`,
  };
}
