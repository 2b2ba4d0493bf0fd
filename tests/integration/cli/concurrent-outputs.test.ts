/**
 * Two CLIs processing the same photos into one output folder at the same time: `rename` and
 * `skip` hold across the two runs (an exclusive claim of every final name), `overwrite` replaces
 * atomically, and no two runs' items ever report one file as theirs unless overwrite said so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { runCli } from '../../helpers/cli.js';

const PHOTOS = 16;

interface StoredItem {
  source: string;
  output: string | null;
  status: string;
  bytesOut: number | null;
}

async function itemsOf(db: string, runId: number): Promise<StoredItem[]> {
  const shown = await runCli(['show', String(runId), '--json', '--db', db]);
  assert.equal(shown.code, 0, shown.stderr);
  return JSON.parse(shown.stdout).items;
}

/** Both CLIs started together on the same inputs and output folder; their runs' items. */
async function twoRunsAtOnce(existing: string) {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, PHOTOS, 500);
  const out = path.join(root, 'out');
  const db = path.join(root, 'runs.db');
  const args = ['process', input, '--out', out, '--existing', existing, '--workers', '2'];
  const results = await Promise.all([
    runCli([...args, '--json', '--db', db]),
    runCli([...args, '--json', '--db', db]),
  ]);
  const runs = [];
  for (const r of results) {
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    runs.push({ summary, items: await itemsOf(db, summary.runId) });
  }
  return { out, runs, files: filesUnder(out) };
}

/** Every ok item's output exists, holds a decodable image and has the size the item recorded. */
async function checkOutputs(items: StoredItem[]): Promise<void> {
  for (const item of items.filter((i) => i.status === 'ok')) {
    assert.ok(item.output, `${item.source} has an output`);
    assert.equal(
      statSync(item.output!).size,
      item.bytesOut,
      `${item.output} has the recorded size`,
    );
    const meta = await sharp(item.output!).metadata();
    assert.ok(meta.width! > 0, `${item.output} is an image`);
  }
}

test('rename: two runs at once write every image under its own name, none replaced', async () => {
  const { out, runs, files } = await twoRunsAtOnce('rename');
  const ok = runs.flatMap((r) => r.items.filter((i) => i.status === 'ok'));
  assert.equal(ok.length, 2 * PHOTOS, 'every image of both runs is ok');
  const outputs = ok.map((i) => i.output);
  assert.equal(new Set(outputs).size, outputs.length, 'no two items share an output');
  assert.equal(files.length, 2 * PHOTOS, `${files.join(', ')}`);
  assert.deepEqual(
    [...outputs].map((o) => path.relative(out, o!)).sort(),
    files,
    'the items name exactly the files on disk',
  );
  await checkOutputs(ok);
});

test('skip: two runs at once claim each name once; the other run skips it and says so', async () => {
  const { runs, files } = await twoRunsAtOnce('skip');
  const ok = runs.flatMap((r) => r.items.filter((i) => i.status === 'ok'));
  const skipped = runs.flatMap((r) => r.items.filter((i) => i.status === 'skipped'));
  assert.equal(files.length, PHOTOS);
  assert.equal(ok.length, PHOTOS, 'each output is reported by exactly one run');
  assert.equal(skipped.length, PHOTOS);
  assert.equal(new Set(ok.map((i) => i.output)).size, PHOTOS, 'no two items share an output');
  for (const item of skipped) assert.equal(item.output, null);
  await checkOutputs(ok);
});

test('overwrite: two runs at once both replace atomically; every output is whole', async () => {
  const { runs, files } = await twoRunsAtOnce('overwrite');
  assert.equal(files.length, PHOTOS, 'no temp file or numbered copy is left');
  for (const run of runs) assert.equal(run.summary.items.ok, PHOTOS);
  for (const file of files) assert.ok(!file.startsWith('.'), `${file} is not a temp file`);
  // Sizes may come from either run (the same settings make the same bytes); each is an image.
  for (const run of runs)
    for (const item of run.items) {
      const meta = await sharp(item.output!).metadata();
      assert.ok(meta.width! > 0);
    }
});
