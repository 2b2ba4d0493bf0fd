/**
 * `onlySmaller` on real photos: an output that would be larger leaves the input's own bytes
 * (under the input's extension, placed atomically); one that is smaller is written as usual.
 */
import { test } from 'node:test';
import { plainOptions } from '../../helpers/pipeline-options.js';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { runPipeline } from '../../../src/worker/run-pipeline.js';
import type {
  PipelineOptions,
  WorkerTask,
  WritableFormat,
} from '../../../src/shared/worker-messages.js';
import { makeTempDir } from '../../helpers/make-images.js';
import { realPhotos } from '../../helpers/real-photos.js';
import { keptOriginalNote, keptOriginalPath } from '../../../src/shared/kept-original.js';

const base: PipelineOptions = plainOptions(80);

async function run(source: string, format: WritableFormat, options: Partial<PipelineOptions>) {
  const dir = await makeTempDir();
  const output = path.join(dir, `photo.${format === 'jpeg' ? 'jpg' : format}`);
  const task: WorkerTask = {
    taskId: 1,
    source,
    output,
    temp: path.join(dir, '.photo.tmp'),
    outputFormat: format,
    options: { ...base, ...options },
    expect: null,
  };
  return { result: await runPipeline(task, await readFile(source)), output, dir };
}

/** A small, strongly compressed JPEG of a real photo: PNG of it is always larger. */
async function smallJpeg(): Promise<string> {
  const [photo] = await realPhotos(1, 800);
  const dir = await makeTempDir();
  const file = path.join(dir, 'small.jpg');
  await sharp(photo!).resize(320).jpeg({ quality: 40 }).toFile(file);
  return file;
}

test('only-smaller keeps the original bytes, under its own extension, when the output would be larger', async () => {
  const source = await smallJpeg();
  const { result, output, dir } = await run(source, 'png', { onlySmaller: true });
  const kept = keptOriginalPath(output, source);
  assert.equal(path.extname(kept), '.jpg');
  assert.equal(result.output, kept, 'the item records where the kept original went');
  assert.deepEqual(await readFile(kept), await readFile(source), 'byte for byte the input');
  assert.equal(existsSync(output), false, 'no PNG was left beside it');
  assert.deepEqual(readdirSync(dir), [path.basename(kept)], 'no temp file remains');
  const bytesIn = (await readFile(source)).length;
  assert.equal(result.bytesOut, bytesIn);
  assert.ok(result.encodedBytes! > bytesIn, 'the encoded size it lost with is reported');
  const percent = Math.round(((result.encodedBytes! - bytesIn) / bytesIn) * 100);
  assert.ok(percent > 0);
  assert.equal(
    keptOriginalNote(bytesIn, result.encodedBytes!),
    `kept original (output was ${percent}% larger)`,
  );
  assert.equal(result.widthOut, result.widthIn);
});

test('without only-smaller the larger output is written as asked', async () => {
  const source = await smallJpeg();
  const { result, output } = await run(source, 'png', {});
  assert.equal(result.encodedBytes, undefined);
  assert.equal((await sharp(output).metadata()).format, 'png');
  assert.ok(result.bytesOut > result.bytesIn);
});

test('only-smaller writes the output when it is smaller', async () => {
  const [photo] = await realPhotos(1, 800);
  const { result, output } = await run(photo!, 'webp', {
    onlySmaller: true,
    fit: { width: 400, height: 400 },
  });
  assert.equal(result.encodedBytes, undefined);
  assert.equal(result.output ?? output, output);
  assert.equal((await sharp(output).metadata()).format, 'webp');
  assert.ok(result.bytesOut < result.bytesIn);
});

test('the same extension keeps the planned name', () => {
  assert.equal(keptOriginalPath('/o/a/x.jpg', '/i/a/x.JPG'), '/o/a/x.jpg');
  assert.equal(keptOriginalPath('/o/a/x.webp', '/i/a/x.png'), '/o/a/x.png');
});
