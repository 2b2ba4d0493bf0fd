#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into native/electron-abi<ABI>/, leaving node_modules'
 * Node build alone: the CLI, the web shell and the tests keep running on Node while the desktop
 * app loads the Electron build through better-sqlite3's `nativeBinding` option.
 *
 * How: copy the installed better-sqlite3 (sources and its bundled SQLite, not its build) into a
 * staging folder, let @electron/rebuild compile it there against Electron's headers (or fetch a
 * matching prebuilt binary), and keep only the .node file and a manifest. Needs the network once
 * (headers or prebuilt binary), like Electron itself.
 *
 *   node scripts/electron-native.mjs           build if missing or stale
 *   node scripts/electron-native.mjs --check   exit 0 if up to date, 1 if not (prints why)
 *   node scripts/electron-native.mjs --force   rebuild even if up to date
 */
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project folder (this script lives in scripts/). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The one module that needs it: sharp is Node-API and loads in Node and Electron alike. */
const MODULE = 'better-sqlite3';
const BINARY = 'better_sqlite3.node';

/** Folder of the Electron build for one ABI; src/main/native-binding.ts looks in the same place. */
export function nativeFolder(base, abi) {
  return path.join(base, 'native', `electron-abi${abi}`);
}

/** Electron's version and ABI (NODE_MODULE_VERSION), read from the installed electron package. */
export async function electronTarget(root = PROJECT_ROOT) {
  const dir = path.join(root, 'node_modules', 'electron');
  const { version } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const abi = (await readFile(path.join(dir, 'abi_version'), 'utf8')).trim();
  return { version, abi };
}

/** What an up-to-date build must match. */
export async function expectedManifest(root = PROJECT_ROOT) {
  const { version, abi } = await electronTarget(root);
  const module = JSON.parse(
    await readFile(path.join(root, 'node_modules', MODULE, 'package.json'), 'utf8'),
  );
  return {
    electron: version,
    abi,
    module: MODULE,
    moduleVersion: module.version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** Null if the build in native/ is present and matches; otherwise why not, in words. */
export async function staleReason(root = PROJECT_ROOT) {
  const expected = await expectedManifest(root);
  const folder = nativeFolder(root, expected.abi);
  if (!existsSync(path.join(folder, BINARY)))
    return `${MODULE} has not been built for Electron ${expected.electron} (ABI ${expected.abi})`;
  let built;
  try {
    built = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8'));
  } catch {
    return `the build in ${folder} has no manifest`;
  }
  for (const key of Object.keys(expected)) {
    if (built[key] !== expected[key])
      return `the build in ${folder} is for ${key} ${built[key]}, not ${expected[key]}`;
  }
  return null;
}

/**
 * Copies the installed module into `stage/node_modules/<module>`, without its build output (the
 * Node binary must not be mistaken for an Electron one), with a package.json naming it.
 */
export async function stageModule(root, stage) {
  const from = path.join(root, 'node_modules', MODULE);
  const to = path.join(stage, 'node_modules', MODULE);
  await rm(stage, { recursive: true, force: true });
  await mkdir(path.dirname(to), { recursive: true });
  await cp(from, to, {
    recursive: true,
    filter: (source) => path.relative(from, source).split(path.sep)[0] !== 'build',
  });
  const { version } = JSON.parse(await readFile(path.join(from, 'package.json'), 'utf8'));
  await writeFile(
    path.join(stage, 'package.json'),
    JSON.stringify(
      { name: 'photobatch-electron-native', private: true, dependencies: { [MODULE]: version } },
      null,
      2,
    ),
  );
  return to;
}

/** Builds the Electron binary and installs it in native/; throws with a reason in words. */
export async function buildForElectron(root = PROJECT_ROOT) {
  const manifest = await expectedManifest(root);
  const folder = nativeFolder(root, manifest.abi);
  const stage = path.join(root, 'native', `.stage-abi${manifest.abi}`);
  const staged = await stageModule(root, stage);
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: stage,
      electronVersion: manifest.electron,
      arch: process.arch,
      onlyModules: [MODULE],
      force: true,
      mode: 'sequential',
    });
    const built = path.join(staged, 'build', 'Release', BINARY);
    if (!existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} is missing`);
    await mkdir(folder, { recursive: true });
    await cp(built, path.join(folder, `${BINARY}.tmp`));
    await rename(path.join(folder, `${BINARY}.tmp`), path.join(folder, BINARY));
    await writeFile(path.join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
    return path.join(folder, BINARY);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function main(args) {
  const reason = args.includes('--force') ? 'a rebuild was asked for' : await staleReason();
  if (args.includes('--check')) {
    if (reason) console.log(`electron-native: ${reason}; run \`npm run rebuild:electron\`.`);
    return reason ? 1 : 0;
  }
  if (!reason) {
    console.log('electron-native: better-sqlite3 for Electron is up to date.');
    return 0;
  }
  const { version, abi } = await electronTarget();
  console.log(
    `electron-native: building better-sqlite3 for Electron ${version} (ABI ${abi}): ${reason}…`,
  );
  try {
    const file = await buildForElectron();
    console.log(`electron-native: built ${path.relative(PROJECT_ROOT, file)}`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(
      `electron-native: could not build better-sqlite3 for Electron ${version} (it needs Electron's headers or a prebuilt binary from the network): ${message}`,
    );
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
