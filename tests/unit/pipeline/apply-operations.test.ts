/**
 * The order of operations on real pixels: a 4×4 grid of coloured cells goes through crop,
 * flips, rotation and each resize mode in both pipelines, and every output cell must hold the
 * colour a plain model of the documented order (crop → flip/flop → rotate → resize) predicts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { runPipeline } from '../../../src/worker/run-pipeline.js';
import type { PipelineOptions, WorkerTask } from '../../../src/shared/worker-messages.js';
import { DEFAULT_LIMIT_INPUT_PIXELS } from '../../../src/shared/settings.js';
import { planGeometry } from '../../../src/shared/output-geometry.js';
import { makeTempDir } from '../../helpers/make-images.js';

const CELL = 40;
const CELLS = 4;
type Grid = number[][];

function colourOf(cell: number): [number, number, number] {
  const [row, col] = [Math.floor(cell / CELLS), cell % CELLS];
  return [30 + 65 * col, 30 + 65 * row, (row + col) % 2 ? 220 : 20];
}

async function writeGrid(file: string, orientation?: number): Promise<void> {
  const side = CELL * CELLS;
  const data = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const c = colourOf(Math.floor(y / CELL) * CELLS + Math.floor(x / CELL));
      data.set(c, (y * side + x) * 3);
    }
  let image = sharp(data, { raw: { width: side, height: side, channels: 3 } });
  if (orientation) image = image.jpeg({ quality: 95 }).withMetadata({ orientation });
  else image = image.png();
  await image.toFile(file);
}

/** The model: operations on a grid of cell ids. */
const model = {
  start: (): Grid =>
    Array.from({ length: CELLS }, (_, r) => Array.from({ length: CELLS }, (_, c) => r * CELLS + c)),
  crop: (g: Grid, left: number, top: number, w: number, h: number): Grid =>
    g.slice(top, top + h).map((row) => row.slice(left, left + w)),
  flip: (g: Grid): Grid => [...g].reverse(),
  flop: (g: Grid): Grid => g.map((row) => [...row].reverse()),
  // Clockwise quarter turn.
  turn: (g: Grid): Grid => g[0]!.map((_, c) => g.map((row) => row[c]!).reverse()),
  rows: (g: Grid, from: number, count: number): Grid => g.slice(from, from + count),
  // Exif orientation 6: the stored picture is shown turned a quarter clockwise.
};

interface Case {
  name: string;
  options: Partial<PipelineOptions>;
  expected: Grid;
  /** Output pixels per cell. */
  cellOut: number;
  orientation?: number;
}

const g = model.start();
const CASES: Case[] = [
  {
    name: 'crop then rotate 90',
    options: { crop: { width: 80, height: 80, left: 80, top: 0 }, rotate: 90 },
    expected: model.turn(model.crop(g, 2, 0, 2, 2)),
    cellOut: 40,
  },
  {
    name: 'flip, rotate 270, scale 50%',
    options: { flip: true, rotate: 270, scale: 50 },
    expected: model.turn(model.turn(model.turn(model.flip(g)))),
    cellOut: 20,
  },
  {
    name: 'flop, rotate 90, fill 80x40 (cover crops the middle rows)',
    options: { flop: true, rotate: 90, fill: { width: 80, height: 40 } },
    expected: model.rows(model.turn(model.flop(g)), 1, 2),
    cellOut: 20,
  },
  {
    name: 'crop 3x2 cells, flop, long edge 60',
    options: { crop: { width: 120, height: 80, left: 40, top: 40 }, flop: true, longEdge: 60 },
    expected: model.flop(model.crop(g, 1, 1, 3, 2)),
    cellOut: 20,
  },
  {
    name: 'rotate 180, fill 40x80 at the centre',
    options: { rotate: 180, fill: { width: 40, height: 80 }, position: 'centre' },
    expected: model.turn(model.turn(g)).map((row) => row.slice(1, 3)),
    cellOut: 20,
  },
  {
    name: 'EXIF orientation 6, then crop in the oriented picture, fit 40x40',
    options: { crop: { width: 80, height: 80, left: 0, top: 0 }, fit: { width: 40, height: 40 } },
    // The stored grid is shown turned clockwise; the crop takes the top-left of what is shown.
    expected: model.crop(model.turn(g), 0, 0, 2, 2),
    cellOut: 20,
    orientation: 6,
  },
];

const base: PipelineOptions = {
  metadata: 'strip',
  blur: null,
  fit: null,
  format: 'png',
  quality: 90,
  pipeline: 'exact',
  limitInputPixels: DEFAULT_LIMIT_INPUT_PIXELS,
};

async function runCase(dir: string, c: Case, pipeline: 'exact' | 'fast', blur: number | null) {
  const source = path.join(dir, `grid-${c.orientation ?? 1}.${c.orientation ? 'jpg' : 'png'}`);
  await writeGrid(source, c.orientation).catch(() => undefined);
  const output = path.join(dir, `${c.name.replace(/\W+/g, '-')}-${pipeline}-${blur}.png`);
  const task: WorkerTask = {
    taskId: 1,
    source,
    output,
    temp: `${output}.tmp`,
    outputFormat: 'png',
    options: { ...base, ...c.options, pipeline, blur },
    expect: null,
  };
  const result = await runPipeline(task, await readFile(source));
  return { result, output };
}

test('every operation lands where the documented order says, in both pipelines', async () => {
  const dir = await makeTempDir();
  for (const c of CASES) {
    for (const [pipeline, blur] of [
      ['exact', null],
      ['fast', null],
      ['exact', 2],
      ['fast', 2],
    ] as const) {
      const { result, output } = await runCase(dir, c, pipeline, blur);
      const label = `${c.name} (${pipeline}, blur ${blur})`;
      const rows = c.expected.length;
      const cols = c.expected[0]!.length;
      assert.equal(result.widthOut, cols * c.cellOut, `${label}: width`);
      assert.equal(result.heightOut, rows * c.cellOut, `${label}: height`);
      const plan = planGeometry({ width: 160, height: 160 }, { ...base, ...c.options });
      assert.ok(typeof plan !== 'string');
      assert.deepEqual(plan.output, { width: result.widthOut, height: result.heightOut }, label);
      const { data, info } = await sharp(output)
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      for (let r = 0; r < rows; r++)
        for (let col = 0; col < cols; col++) {
          const x = Math.floor((col + 0.5) * c.cellOut);
          const y = Math.floor((r + 0.5) * c.cellOut);
          const at = (y * info.width + x) * info.channels;
          const got = [data[at]!, data[at + 1]!, data[at + 2]!];
          const want = colourOf(c.expected[r]![col]!);
          const off = Math.max(...got.map((v, i) => Math.abs(v - want[i]!)));
          assert.ok(
            off <= 24,
            `${label}: cell ${r},${col} is ${got.join(',')}, expected ${want.join(',')}`,
          );
        }
    }
  }
});

test('a crop outside the picture fails that image with the sizes in words', async () => {
  const dir = await makeTempDir();
  await assert.rejects(
    runCase(
      dir,
      {
        name: 'outside',
        options: { crop: { width: 10, height: 10, left: 500, top: 0 } },
        expected: [[0]],
        cellOut: 1,
      },
      'fast',
      null,
    ),
    /crop 10x10\+500\+0 lies outside the 160×160 image/,
  );
});

test('sharpen raises edge contrast after the resize', async () => {
  const dir = await makeTempDir();
  const plain = await runCase(
    dir,
    { name: 'plain', options: { scale: 50 }, expected: [[0]], cellOut: 1 },
    'fast',
    3,
  );
  const sharp1 = await runCase(
    dir,
    { name: 'sharp', options: { scale: 50, sharpen: 2 }, expected: [[0]], cellOut: 1 },
    'fast',
    3,
  );
  const spread = async (file: string) => {
    const stats = await sharp(file).stats();
    return stats.channels[0]!.stdev;
  };
  assert.ok((await spread(sharp1.output)) > (await spread(plain.output)));
});
