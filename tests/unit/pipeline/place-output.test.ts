/** How a finished temp file takes its final name under each claim, on a real folder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { placeOutput } from '../../../src/worker/place-output.js';
import { tempDir } from '../../helpers/real-photos.js';

async function folderWith(existing: string[]): Promise<string> {
  const dir = await tempDir();
  for (const name of existing) writeFileSync(path.join(dir, name), `theirs:${name}`);
  writeFileSync(path.join(dir, '.x.jpg.photobatch-1-1.tmp'), 'ours');
  return dir;
}

test('exclusive: a name taken meanwhile is left alone and nothing is written', async () => {
  const dir = await folderWith(['x.jpg']);
  const temp = path.join(dir, '.x.jpg.photobatch-1-1.tmp');
  const placed = placeOutput(temp, path.join(dir, 'x.jpg'), 'exclusive');
  assert.deepEqual(placed, { output: null, mtimeMs: null });
  assert.equal(readFileSync(path.join(dir, 'x.jpg'), 'utf8'), 'theirs:x.jpg');
  assert.ok(!existsSync(temp), 'the temp file is removed');
});

test('numbered: the first free numbered name is taken, never a file that is there', async () => {
  const dir = await folderWith(['x.jpg', 'x-1.jpg']);
  const temp = path.join(dir, '.x.jpg.photobatch-1-1.tmp');
  const placed = placeOutput(temp, path.join(dir, 'x.jpg'), 'numbered');
  assert.equal(placed.output, path.join(dir, 'x-2.jpg'));
  assert.equal(readFileSync(path.join(dir, 'x-2.jpg'), 'utf8'), 'ours');
  assert.equal(readFileSync(path.join(dir, 'x-1.jpg'), 'utf8'), 'theirs:x-1.jpg');
  assert.equal(typeof placed.mtimeMs, 'number');
  assert.ok(!existsSync(temp));
});

test('replace: an existing file is replaced atomically', async () => {
  const dir = await folderWith(['x.jpg']);
  const temp = path.join(dir, '.x.jpg.photobatch-1-1.tmp');
  const placed = placeOutput(temp, path.join(dir, 'x.jpg'), 'replace');
  assert.equal(placed.output, path.join(dir, 'x.jpg'));
  assert.equal(readFileSync(path.join(dir, 'x.jpg'), 'utf8'), 'ours');
});

test('a free name is claimed under every claim', async () => {
  for (const claim of ['replace', 'exclusive', 'numbered'] as const) {
    const dir = await folderWith([]);
    const placed = placeOutput(
      path.join(dir, '.x.jpg.photobatch-1-1.tmp'),
      path.join(dir, 'x.jpg'),
      claim,
    );
    assert.equal(placed.output, path.join(dir, 'x.jpg'), claim);
    assert.equal(readFileSync(path.join(dir, 'x.jpg'), 'utf8'), 'ours');
  }
});
