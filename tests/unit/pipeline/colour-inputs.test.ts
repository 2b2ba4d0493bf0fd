/**
 * Colour that stays right: flat patches of a known sRGB colour stored as Display P3, Adobe RGB
 * (1998), CMYK, 16 bits per channel (untagged and P3) and greyscale, through the real pipeline
 * under each metadata policy, both pipelines and the operations that take other paths in sharp
 * (blur alone, rotate, flip, blur then fit). The output's stored numbers are compared with the
 * expected ones: sRGB's under keep-no-gps and strip; under keep, the input's own numbers with
 * its profile. A pipeline that drops or ignores a profile is off by 10–30 per channel here.
 */
import { test } from 'node:test';
import { plainOptions } from '../../helpers/pipeline-options.js';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { runPipeline } from '../../../src/worker/run-pipeline.js';
import type { PipelineOptions } from '../../../src/shared/worker-messages.js';
import { METADATA_POLICIES } from '../../../src/shared/settings.js';
import { makeTempDir } from '../../helpers/make-images.js';
import { storedColour, writePatch } from '../../helpers/colour-patches.js';
import type { PatchSpace, Rgb } from '../../helpers/colour-patches.js';

const RED: Rgb = [200, 60, 40];
const GREY: Rgb = [128, 128, 128];
/** Per channel, 0–255: coding loss of a flat patch at q95 is 1–2. */
const TOLERANCE = 4;

const base: PipelineOptions = plainOptions(95);

const OPERATIONS: Record<string, Partial<PipelineOptions>> = {
  none: {},
  blur: { blur: 1 },
  rotate: { rotate: 90 },
  flip: { flip: true },
  'blur, fit': { blur: 1, fit: { width: 40, height: 40 } },
};

let n = 0;
async function run(source: string, options: Partial<PipelineOptions>, format: 'png' | 'jpeg') {
  const dir = path.dirname(source);
  const output = path.join(dir, `out-${n++}.${format === 'jpeg' ? 'jpg' : 'png'}`);
  await runPipeline(
    {
      taskId: n,
      source,
      output,
      temp: `${output}.tmp`,
      outputFormat: format,
      options: { ...base, ...options },
      expect: null,
    },
    await readFile(source),
  );
  return output;
}

function offBy(actual: number[], expected: readonly number[]): number {
  return Math.max(...expected.map((v, c) => Math.abs(actual[c]! - v)));
}

for (const [space, colour] of [
  ['display-p3', RED],
  ['adobe-rgb', RED],
  ['srgb-16bit', RED],
  ['display-p3-16bit', RED],
  ['grey', GREY],
] as [PatchSpace, Rgb][]) {
  test(`${space}: sRGB numbers under keep-no-gps and strip, its own numbers and profile under keep`, async () => {
    const dir = await makeTempDir();
    const source = await writePatch(dir, colour, space);
    const own = (await storedColour(source)).slice(0, 3);
    const profiled = (await sharp(source).metadata()).icc !== undefined;
    if (space !== 'grey' && space !== 'srgb-16bit') {
      assert.ok(
        offBy(own, colour) > 8,
        `${space} stores other numbers than sRGB (${own.map(Math.round)})`,
      );
    }
    const wrong: string[] = [];
    for (const [name, operation] of Object.entries(OPERATIONS)) {
      for (const pipeline of ['exact', 'fast'] as const) {
        for (const metadata of METADATA_POLICIES) {
          const format = name === 'rotate' ? 'jpeg' : 'png';
          const output = await run(source, { ...operation, pipeline, metadata }, format);
          const meta = await sharp(output).metadata();
          const keptOwn = metadata === 'keep' && profiled;
          const got = (await storedColour(output)).slice(0, 3);
          const off = offBy(got, keptOwn ? own : colour);
          const label = `${name}, ${pipeline}, ${metadata}, ${format}`;
          if (off > TOLERANCE)
            wrong.push(`${label}: ${got.map(Math.round)} (off by ${off.toFixed(0)})`);
          if (keptOwn && meta.icc === undefined) wrong.push(`${label}: the profile was dropped`);
          if (metadata === 'strip' && meta.icc !== undefined)
            wrong.push(`${label}: a profile left`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
}

test('CMYK: converted to sRGB through its profile under every policy (only JPEG and TIFF hold CMYK)', async () => {
  const dir = await makeTempDir();
  const colour: Rgb = [170, 130, 100];
  const source = await writePatch(dir, colour, 'cmyk');
  assert.equal((await sharp(source).metadata()).space, 'cmyk');
  // libvips' own CMYK → sRGB (LittleCMS, perceptual; Pillow's ImageCms gives the same within 3).
  const reference = [
    ...(await sharp(source).toColourspace('srgb').raw().toBuffer()).subarray(0, 3),
  ];
  // The press profile's round trip moves this colour a little (blue most), never far.
  assert.ok(offBy(reference, colour) < 20, `reference ${reference}`);
  for (const metadata of METADATA_POLICIES) {
    for (const pipeline of ['exact', 'fast'] as const) {
      const output = await run(source, { pipeline, metadata, blur: 1 }, 'png');
      const meta = await sharp(output).metadata();
      assert.equal(meta.space, 'srgb', `${metadata}, ${pipeline}`);
      const got = (await storedColour(output)).slice(0, 3);
      assert.ok(
        offBy(got, reference) <= TOLERANCE,
        `${metadata}, ${pipeline}: ${got} vs ${reference}`,
      );
    }
  }
});
