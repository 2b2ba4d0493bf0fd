// better-sqlite3 for Node and for Electron side by side: the part that can run without Electron's
// headers. The Electron build's place is agreed by the script and main; the staging copy leaves
// node_modules alone; a stale or missing build is reported in words; and the store really loads
// the binding it is given (proved with Node's own build, and refused with a bogus one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  electronSqliteBinding,
  nativeFolder as mainNativeFolder,
} from '../../../src/main/native-binding.js';
import { RunStore } from '../../../src/db/run-store.js';
import {
  PROJECT_ROOT,
  expectedManifest,
  nativeFolder,
  stageModule,
  staleReason,
} from '../../../scripts/electron-native.mjs';
import { installedElectron } from '../../../scripts/start.mjs';
import { tempDir } from '../../helpers/real-photos.js';

const require = createRequire(import.meta.url);
/** The Node build that node_modules holds (what the CLI and tests load). */
const NODE_BINDING = path.join(
  path.dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

/** A project folder with just the package files the script reads. */
async function fakeProject(electron = '45.5.0', abi = '150', sqlite = '12.11.1'): Promise<string> {
  const root = await tempDir('photobatch-native-');
  await mkdir(path.join(root, 'node_modules', 'electron'), { recursive: true });
  await mkdir(path.join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
  await writeFile(
    path.join(root, 'node_modules', 'electron', 'package.json'),
    JSON.stringify({ version: electron }),
  );
  await writeFile(path.join(root, 'node_modules', 'electron', 'abi_version'), `${abi}\n`);
  await writeFile(
    path.join(root, 'node_modules', 'better-sqlite3', 'package.json'),
    JSON.stringify({ version: sqlite }),
  );
  return root;
}

test('the script and main agree where the Electron build lives, per ABI', async () => {
  assert.equal(nativeFolder('/app', '150'), mainNativeFolder('/app', '150'));
  assert.notEqual(nativeFolder('/app', '150'), nativeFolder('/app', '151'));
  const root = await fakeProject();
  const missing = electronSqliteBinding(root, '150');
  assert.equal(missing.path, null);
  if (missing.path === null) assert.match(missing.hint, /npm run rebuild:electron/);
  await mkdir(nativeFolder(root, '150'), { recursive: true });
  await writeFile(path.join(nativeFolder(root, '150'), 'better_sqlite3.node'), '');
  assert.deepEqual(electronSqliteBinding(root, '150'), {
    path: path.join(nativeFolder(root, '150'), 'better_sqlite3.node'),
  });
});

test('a missing, stale or foreign build is reported in words; a matching one is up to date', async () => {
  const root = await fakeProject();
  assert.match(
    (await staleReason(root)) ?? '',
    /has not been built for Electron 45\.5\.0 \(ABI 150\)/,
  );
  const folder = nativeFolder(root, '150');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'better_sqlite3.node'), '');
  await writeFile(
    path.join(folder, 'manifest.json'),
    JSON.stringify({ ...(await expectedManifest(root)), moduleVersion: '11.0.0' }),
  );
  assert.match((await staleReason(root)) ?? '', /is for moduleVersion 11\.0\.0, not 12\.11\.1/);
  await writeFile(path.join(folder, 'manifest.json'), JSON.stringify(await expectedManifest(root)));
  assert.equal(await staleReason(root), null);
});

test('staging copies better-sqlite3’s sources without its Node build, and leaves node_modules alone', async () => {
  const before = statSync(NODE_BINDING).mtimeMs;
  const stage = path.join(await tempDir('photobatch-stage-'), 'stage');
  const staged = await stageModule(PROJECT_ROOT, stage);
  assert.ok(existsSync(path.join(staged, 'binding.gyp')));
  assert.ok((await readdir(path.join(staged, 'deps'))).length > 0, 'SQLite sources come along');
  assert.equal(existsSync(path.join(staged, 'build')), false, 'the Node build is not copied');
  const manifest = JSON.parse(await readFile(path.join(stage, 'package.json'), 'utf8'));
  assert.ok(manifest.dependencies['better-sqlite3']);
  assert.equal(statSync(NODE_BINDING).mtimeMs, before);
});

test('the store loads the binding it is given, and refuses one that is not a binding', async () => {
  const dir = await tempDir('photobatch-binding-');
  const store = RunStore.open(path.join(dir, 'a.db'), { nativeBinding: NODE_BINDING });
  store.setSetting('probe', { ok: true });
  assert.deepEqual(store.getSetting('probe'), { ok: true });
  store.close();
  const bogus = path.join(dir, 'not-a-binding.node');
  await writeFile(bogus, 'this is not a shared library');
  assert.throws(
    () => RunStore.open(path.join(dir, 'b.db'), { nativeBinding: bogus }),
    /not-a-binding|invalid ELF|file too short/,
  );
});

test('npm start finds an installed Electron without downloading it', async () => {
  const dir = path.join(await tempDir('photobatch-electron-'), 'electron');
  await mkdir(path.join(dir, 'dist'), { recursive: true });
  assert.equal(installedElectron(dir), null, 'no path.txt: not installed');
  await writeFile(path.join(dir, 'path.txt'), 'electron');
  assert.equal(installedElectron(dir), null, 'path.txt without the binary: not installed');
  await writeFile(path.join(dir, 'dist', 'electron'), '');
  assert.equal(installedElectron(dir), path.join(dir, 'dist', 'electron'));
});
