// inputs:check, on real files: photos counted, other files named and grouped by reason, a
// missing path said in words; nothing is written anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkInputs } from '../../../src/engine/check-inputs.js';
import { realPhotos, tempDir } from '../../helpers/real-photos.js';

test('a folder of photos and notes: the photos counted, the notes named under their reason', async () => {
  const folder = path.join(await tempDir('photobatch-check-'), 'Trip');
  await mkdir(path.join(folder, 'day 2'), { recursive: true });
  const photos = await realPhotos(2, 400);
  await copyFile(photos[0]!, path.join(folder, 'a.jpg'));
  await copyFile(photos[1]!, path.join(folder, 'day 2', 'b.jpg'));
  await writeFile(path.join(folder, 'readme.txt'), 'notes\n');
  await writeFile(path.join(folder, 'day 2', 'list.txt'), 'more notes\n');
  const before = await readdir(folder, { recursive: true });
  const check = await checkInputs([folder]);
  assert.equal(check.images, 2);
  assert.equal(check.problem, null);
  assert.equal(check.complete, true);
  const names = check.skipped.flatMap((g) => g.names).sort();
  assert.deepEqual(names, ['day 2/list.txt', 'readme.txt']);
  assert.equal(
    check.skipped.reduce((n, g) => n + g.count, 0),
    2,
  );
  assert.ok(check.skipped.every((g) => g.reason.length > 0 && !g.reason.includes('readme.txt')));
  assert.deepEqual(await readdir(folder, { recursive: true }), before, 'nothing written');
});

test('an empty folder has nothing to process; a missing path is named', async () => {
  const dir = await tempDir('photobatch-check-empty-');
  const empty = await checkInputs([dir]);
  assert.deepEqual(empty, { images: 0, skipped: [], problem: null, complete: true });
  const missing = path.join(dir, 'nowhere');
  const answer = await checkInputs([missing]);
  assert.equal(answer.problem, `${missing}: there is no file or folder here`);
  assert.equal(answer.images, 0);
});
