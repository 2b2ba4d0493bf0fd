/**
 * The sharp pipeline on real image files: dimensions, orientation, formats, odd inputs, bombs,
 * and that blur really blurs. Pixels and dimensions are checked, never bytes.
 */
import { test } from 'node:test';
import { plainOptions } from '../../helpers/pipeline-options.js';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { runPipeline } from '../../../src/worker/run-pipeline.js';
import { fitInside } from '../../../src/shared/output-geometry.js';
import { describeImageError } from '../../../src/worker/describe-image-error.js';
import type {
  PipelineOptions,
  WorkerTask,
  WritableFormat,
} from '../../../src/shared/worker-messages.js';
import {
  makeTempDir,
  write16BitPng,
  writeAnimatedGif,
  writeCmykJpeg,
  writeDecompressionBombPng,
  writeJpegWithOrientation,
  writeOnePixelImage,
  writePngWithAlpha,
} from '../../helpers/make-images.js';
import { realPhotos } from '../../helpers/real-photos.js';

const base: PipelineOptions = plainOptions(80);
let n = 0;

async function run(
  source: string,
  outputFormat: WritableFormat,
  options: Partial<PipelineOptions> = {},
) {
  const dir = await makeTempDir();
  const output = path.join(dir, `out-${n++}.${outputFormat === 'jpeg' ? 'jpg' : outputFormat}`);
  const task: WorkerTask = {
    taskId: n,
    source,
    output,
    temp: path.join(dir, `.tmp-${n}`),
    outputFormat,
    options: { ...base, ...options },
    expect: null,
  };
  const result = await runPipeline(task, await readFile(source));
  return { result, output, dir };
}

/** Peak signal-to-noise ratio over RGB of two same-sized images, in dB. */
async function psnr(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((f) => sharp(f).removeAlpha().raw().toBuffer()));
  assert.equal(x!.length, y!.length);
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += (x![i]! - y![i]!) ** 2;
  const mse = sum / x!.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

test('fitInside never enlarges and keeps the aspect ratio (like Pillow thumbnail)', () => {
  assert.deepEqual(fitInside(3000, 2000, { width: 1000, height: 1000 }), {
    width: 1000,
    height: 667,
  });
  assert.deepEqual(fitInside(2000, 3000, { width: 1000, height: 1000 }), {
    width: 667,
    height: 1000,
  });
  assert.deepEqual(fitInside(500, 400, { width: 1000, height: 1000 }), { width: 500, height: 400 });
  assert.deepEqual(fitInside(5000, 1, { width: 100, height: 100 }), { width: 100, height: 1 });
});

test('a real photo is fitted and blurred; the output is written by rename and no temp file remains', async () => {
  const [photo] = await realPhotos(1, 1200);
  const sharpOut = await run(photo!, 'jpeg', { fit: { width: 400, height: 400 } });
  const blurred = await run(photo!, 'jpeg', { fit: { width: 400, height: 400 }, blur: 8 });
  const meta = await sharp(blurred.output).metadata();
  assert.equal(Math.max(meta.width!, meta.height!), 400);
  assert.equal(blurred.result.widthOut, meta.width);
  const [a, b] = await Promise.all([sharp(sharpOut.output).stats(), sharp(blurred.output).stats()]);
  assert.ok(
    b.sharpness < a.sharpness / 2,
    `blur lowers sharpness (${a.sharpness} → ${b.sharpness})`,
  );
  assert.deepEqual(
    readdirSync(blurred.dir).filter((f) => f.startsWith('.tmp')),
    [],
  );
});

test('EXIF orientation is applied and the output carries no rotation tag', async () => {
  const dir = await makeTempDir();
  const source = await writeJpegWithOrientation(path.join(dir, 'rotated.jpg'), 6, {
    width: 80,
    height: 40,
  });
  const { output, result } = await run(source, 'jpeg');
  const meta = await sharp(output).metadata();
  assert.equal(meta.width, 40);
  assert.equal(meta.height, 80);
  assert.ok(meta.orientation === undefined || meta.orientation === 1);
  assert.equal(result.widthIn, 40, 'input size as displayed');
});

test('alpha: kept in PNG, flattened onto white in JPEG', async () => {
  const dir = await makeTempDir();
  const source = await writePngWithAlpha(path.join(dir, 'alpha.png'));
  const png = await run(source, 'png');
  assert.equal((await sharp(png.output).metadata()).hasAlpha, true);
  const jpeg = await run(source, 'jpeg');
  const meta = await sharp(jpeg.output).metadata();
  assert.equal(meta.hasAlpha, false);
  assert.equal(meta.format, 'jpeg');
});

test('CMYK JPEG, 16-bit PNG, 1x1 and animated GIF each give a readable output', async () => {
  const dir = await makeTempDir();
  const cmyk = await run(await writeCmykJpeg(path.join(dir, 'cmyk.jpg')), 'jpeg', { blur: 1 });
  assert.equal((await sharp(cmyk.output).metadata()).space, 'srgb');
  const deep = await run(await write16BitPng(path.join(dir, 'deep.png')), 'png', {
    fit: { width: 20, height: 20 },
  });
  assert.ok((await sharp(deep.output).metadata()).width! <= 20);
  const tiny = await run(await writeOnePixelImage(path.join(dir, 'one.png')), 'webp', {
    blur: 3,
    fit: { width: 10, height: 10 },
  });
  const tinyMeta = await sharp(tiny.output).metadata();
  assert.deepEqual([tinyMeta.width, tinyMeta.height, tinyMeta.format], [1, 1, 'webp']);
  const gif = await run(await writeAnimatedGif(path.join(dir, 'anim.gif'), 3), 'gif');
  assert.equal(gif.result.pages, 3, 'the number of frames is reported');
  assert.equal(
    (await sharp(gif.output).metadata()).pages ?? 1,
    1,
    'only the first frame is written',
  );
});

test('every output format is written as that format', async () => {
  const [photo] = await realPhotos(1, 300);
  for (const format of ['jpeg', 'png', 'webp', 'avif', 'tiff'] as const) {
    const { output } = await run(photo!, format, { quality: 60 });
    assert.equal((await sharp(output).metadata()).format, format === 'avif' ? 'heif' : format);
  }
});

test('a decompression bomb fails at once with words, and writes nothing', async () => {
  const dir = await makeTempDir();
  const bomb = await writeDecompressionBombPng(path.join(dir, 'bomb.png'));
  const output = path.join(dir, 'out.png');
  const before = process.memoryUsage.rss();
  await assert.rejects(
    runPipeline(
      {
        taskId: 1,
        source: bomb,
        output,
        temp: path.join(dir, '.t'),
        outputFormat: 'png',
        options: base,
        expect: null,
      },
      await readFile(bomb),
    ),
    (error: unknown) => {
      assert.match(describeImageError(error).message, /more pixels than allowed/);
      return true;
    },
  );
  assert.ok(
    process.memoryUsage.rss() - before < 200 * 1024 * 1024,
    'did not decode billions of pixels',
  );
  assert.equal(existsSync(output), false);
});

test('the fast pipeline stays close to the exact one on a real photo', async () => {
  const [photo] = await realPhotos(1, 2000);
  const options = { blur: 10, fit: { width: 500, height: 500 } };
  const exact = await run(photo!, 'png', { ...options, pipeline: 'exact' });
  const fast = await run(photo!, 'png', { ...options, pipeline: 'fast' });
  const db = await psnr(exact.output, fast.output);
  assert.ok(db > 30, `fast vs exact PSNR ${db.toFixed(1)} dB`);
});
