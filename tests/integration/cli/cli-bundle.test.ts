/**
 * `bin/photobatch.js` runs the CLI from its bundle (out/node/cli-bundle, scripts/bundle-node.mjs),
 * which starts sooner than tsc's ~200 modules: every module it loads of ours is the bundle's.
 * A loader hook written for the test lists what the CLI resolves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/real-photos.js';

test('the CLI loads its own modules from the bundle, not from tsc output', async () => {
  const dir = await tempDir();
  const log = path.join(dir, 'resolved.txt');
  const hook = path.join(dir, 'hook.mjs');
  const register = path.join(dir, 'register.mjs');
  await writeFile(
    hook,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, found.url + '\\n');
  return found;
}\n`,
  );
  await writeFile(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  const r = await runCli(['runs', '--db', path.join(dir, 'runs.db')], {
    NODE_OPTIONS: `--import ${pathToFileURL(register).href}`,
  });
  assert.equal(r.code, 0, r.stderr);
  const ours = (await readFile(log, 'utf8'))
    .split('\n')
    .filter((url) => url.includes('/out/node/'));
  assert.ok(
    ours.some((url) => url.includes('/out/node/cli-bundle/main.js')),
    ours.join('\n'),
  );
  assert.deepEqual(
    ours.filter((url) => !url.includes('/out/node/cli-bundle/')),
    [],
    'nothing of tsc output is loaded',
  );
});
