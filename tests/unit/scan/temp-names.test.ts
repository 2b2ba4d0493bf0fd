// Temp names: beside the target, hidden, recognisable, within name limits; and a cleaner that
// removes only ours, only inside the folder it is given.
import assert from 'node:assert/strict';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTempDir, removeTempDir, writeJpeg, writeText } from '../../helpers/make-images.js';
import { isTempName, removeStrayTemps, tempPathFor } from '../../../src/engine/temp-names.js';

let dir = '';
before(async () => {
  dir = await makeTempDir();
});
after(async () => removeTempDir(dir));

test('a temp path is a hidden name beside the target, with run and task ids', () => {
  const temp = tempPathFor('/out/2024/x.jpg', 12, 345);
  assert.equal(temp, '/out/2024/.x.jpg.photobatch-12-345.tmp');
  assert.equal(isTempName(basename(temp)), true);
});

test('isTempName accepts only our pattern', () => {
  for (const name of [
    'x.jpg',
    'x.tmp',
    '.x.tmp',
    '.x.photobatch-1-2.tmpx',
    'x.photobatch-1-2.tmp',
    '.x.photobatch-a-2.tmp',
  ]) {
    assert.equal(isTempName(name), false, name);
  }
  assert.equal(isTempName('.line\nbreak.jpg.photobatch-1-2.tmp'), true);
});

test('a long name is shortened so the temp name fits in 255 bytes, without splitting characters', async () => {
  const name = `${'📷'.repeat(62)}.jpg`; // 252 bytes
  const temp = tempPathFor(join(dir, name), 123456, 7890123);
  const tempName = basename(temp);
  assert.ok(Buffer.byteLength(tempName) <= 255, `${Buffer.byteLength(tempName)} bytes`);
  assert.equal(tempName.includes('\uFFFD'), false);
  assert.ok(/^\.(📷)+\.photobatch-123456-7890123\.tmp$/u.test(tempName), tempName);
  // The file system agrees it is a legal name.
  await writeFile(temp, 'x');
  assert.ok((await readdir(dir)).includes(tempName));
});

test('removeStrayTemps removes our temps at any depth, and nothing else', async () => {
  const root = join(dir, 'out');
  const outside = join(dir, 'elsewhere');
  const ours = [
    tempPathFor(join(root, 'a.jpg'), 1, 1),
    tempPathFor(join(root, 'sub/deeper/b.jpg'), 1, 2),
    tempPathFor(join(root, 'sub/c.jpg'), 2, 3),
  ];
  for (const temp of ours) await writeJpeg(temp);
  const kept = [
    await writeJpeg(join(root, 'a.jpg')),
    await writeText(join(root, '.hidden-note')),
    await writeText(join(root, 'sub/x.tmp')),
    await writeJpeg(tempPathFor(join(outside, 'not-mine.jpg'), 1, 9)),
  ];
  await symlink(outside, join(root, 'link-out'));
  assert.equal(await removeStrayTemps(root, { runId: 2 }), 1);
  assert.equal(await removeStrayTemps(root), 2);
  const remaining = await listFiles(dir);
  for (const file of kept) assert.ok(remaining.includes(file), `${file} was removed`);
  for (const temp of ours) assert.equal(remaining.includes(temp), false, `${temp} is still there`);
});

test('removeStrayTemps on a folder that does not exist removes nothing', async () => {
  assert.equal(await removeStrayTemps(join(dir, 'never-made')), 0);
});

async function listFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isDirectory()) found.push(join(entry.parentPath ?? dirname(folder), entry.name));
  }
  return found;
}
