/**
 * `photobatch process --only-smaller` end to end on real photos: a photo whose output would be
 * larger keeps its original bytes, is counted in the summary and named with its note by `show`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { realPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { runCli } from '../../helpers/cli.js';

test('only-smaller: the photo that would grow keeps its bytes; show names it with its note', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await mkdir(path.join(input, 'sub'), { recursive: true });
  const [photo] = await realPhotos(1, 800);
  // A small, strongly compressed JPEG: any PNG of it is larger. A big one fitted to 100 px: smaller.
  await sharp(photo!)
    .resize(320)
    .jpeg({ quality: 40 })
    .toFile(path.join(input, 'sub', 'small.jpg'));
  await sharp(photo!).jpeg({ quality: 95 }).toFile(path.join(input, 'big.jpg'));
  const db = path.join(root, 'runs.db');
  const out = path.join(root, 'out');
  const r = await runCli([
    'process',
    input,
    '--out',
    out,
    '--fit',
    '100x100',
    '--format',
    'png',
    '--only-smaller',
    '--db',
    db,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /2 ok \(1 kept original\)/);
  assert.deepEqual(filesUnder(out).sort(), ['big.png', path.join('sub', 'small.jpg')].sort());
  assert.deepEqual(
    await readFile(path.join(out, 'sub', 'small.jpg')),
    await readFile(path.join(input, 'sub', 'small.jpg')),
  );
  assert.equal((await sharp(path.join(out, 'big.png')).metadata()).width, 100);

  const shown = await runCli(['show', '1', '--db', db]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /2 ok \(1 kept original\)/);
  assert.match(shown.stdout, /kept: .*small\.jpg: kept original \(output was \d+% larger\)/);
  assert.doesNotMatch(shown.stdout, /kept: .*big\.jpg/);

  const json = JSON.parse((await runCli(['show', '1', '--json', '--db', db])).stdout);
  const small = json.items.find((i: { source: string }) => i.source.endsWith('small.jpg'));
  assert.equal(small.status, 'ok');
  assert.match(small.error, /^kept original/);
  assert.equal(small.output, path.join(out, 'sub', 'small.jpg'));
});

test('only-smaller run again with --existing skip: the kept original counts as the output, skipped in words', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await mkdir(input, { recursive: true });
  const [photo] = await realPhotos(1, 800);
  await sharp(photo!).resize(320).jpeg({ quality: 40 }).toFile(path.join(input, 'small.jpg'));
  const db = path.join(root, 'runs.db');
  const out = path.join(root, 'out');
  const args = ['process', input, '--out', out, '--format', 'png', '--only-smaller'];
  const first = await runCli([...args, '--db', db]);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(filesUnder(out), ['small.jpg']);

  const again = await runCli([...args, '--existing', 'skip', '--json', '--db', db]);
  assert.equal(again.code, 0, again.stderr);
  const summary = JSON.parse(again.stdout);
  assert.deepEqual(summary.items, { total: 1, ok: 0, failed: 0, skipped: 1, keptOriginal: 0 });
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  const item = shown.items[0];
  assert.equal(item.status, 'skipped');
  assert.match(item.error, /small\.jpg \(its original, kept\) already exists, skipped/);
  // Skipped before any worker saw it: nothing was encoded.
  assert.equal(item.startMs ?? null, null);
  assert.deepEqual(filesUnder(out), ['small.jpg']);
});
