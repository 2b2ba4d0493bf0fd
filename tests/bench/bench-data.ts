/**
 * The bench's input sets, made once under `.bench-data/` (git-ignored) from the photographs
 * Debian's mate-backgrounds ships, and reused while their recipe is unchanged. A set is complete
 * when its `<name>.done.json` (beside the folder, so the scanner never sees it) matches the recipe.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** The project's root folder. */
export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
/** Where every bench file lives. */
export const BENCH_DATA = join(PROJECT, '.bench-data');
/** Debian's mate-backgrounds photographs (1280–2560 px wide). */
export const MATE_PHOTOS = '/usr/share/backgrounds/mate/nature';

/** A made input set. */
export interface InputSet {
  dir: string;
  files: string[];
}

function originals(): string[] {
  if (!existsSync(MATE_PHOTOS)) {
    throw new Error(`${MATE_PHOTOS} is missing: apt-get install mate-backgrounds`);
  }
  return readdirSync(MATE_PHOTOS)
    .filter((n) => n.toLowerCase().endsWith('.jpg'))
    .sort()
    .map((n) => join(MATE_PHOTOS, n));
}

/** Makes `name` with `make` unless it is already complete for this recipe; returns its files. */
async function madeOnce(
  name: string,
  recipe: object,
  make: (dir: string) => Promise<void>,
  extension = '.jpg',
): Promise<InputSet> {
  const dir = join(BENCH_DATA, name);
  const marker = join(BENCH_DATA, `${name}.done.json`);
  const wanted = JSON.stringify(recipe);
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
    const started = Date.now();
    process.stderr.write(`bench: making ${name} (once; kept in .bench-data)…\n`);
    await rm(marker, { force: true });
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await make(dir);
    await writeFile(marker, wanted);
    process.stderr.write(
      `bench: made ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(extension))
    .sort()
    .map((n) => join(dir, n));
  return { dir, files };
}

/** How many large photos the bench uses (issue 9's "10 photos of 24 MP"). */
export const LARGE_COUNT = 10;
const LARGE = { count: LARGE_COUNT, megapixels: 24, quality: 90 };

/**
 * Large photos: each original upscaled (lanczos3) to about 24 MP (6197×3873 for 16:10), JPEG q90.
 * Originals are used in turn; the second time round a photo is mirrored so no two files match.
 */
export function largePhotos(): Promise<InputSet> {
  return madeOnce(`large-24mp-${LARGE.count}`, { ...LARGE, v: 1 }, async (dir) => {
    const sources = originals();
    for (let i = 0; i < LARGE.count; i++) {
      const source = sources[i % sources.length]!;
      const meta = await sharp(source).metadata();
      const scale = Math.sqrt((LARGE.megapixels * 1e6) / (meta.width! * meta.height!));
      let image = sharp(source)
        .autoOrient()
        .resize(Math.round(meta.width! * scale), Math.round(meta.height! * scale), {
          kernel: 'lanczos3',
        });
      if (i >= sources.length) image = image.flop();
      const name = `photo-${String(i).padStart(2, '0')}.jpg`;
      await image.jpeg({ quality: LARGE.quality }).toFile(join(dir, name));
    }
  });
}

/** How many 12 MP HEICs the HEIC section decodes. */
export const HEIC = { count: 6, width: 4000, height: 3000, quality: 80 };

/**
 * iPhone-like HEICs: originals upscaled to 4000×3000 (12 MP), in Display P3 with a capture date,
 * encoded by Debian's heif-enc (libheif-examples) at q80.
 */
export function heicPhotos(): Promise<InputSet> {
  return madeOnce(
    `heic-12mp-${HEIC.count}`,
    { ...HEIC, v: 1 },
    async (dir) => {
      const sources = originals();
      for (let i = 0; i < HEIC.count; i++) {
        const jpeg = join(dir, `.source-${i}.jpg`);
        await sharp(sources[i % sources.length]!)
          .resize(HEIC.width, HEIC.height, { fit: 'cover' })
          .withIccProfile('p3')
          .withExif({
            IFD0: { Make: 'Apple', Model: 'iPhone' },
            IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' },
          })
          .jpeg({ quality: 95 })
          .toFile(jpeg);
        const name = `IMG_${String(i + 1).padStart(4, '0')}.HEIC`;
        execFileSync('heif-enc', ['-q', String(HEIC.quality), '-o', join(dir, name), jpeg]);
        await rm(jpeg);
      }
    },
    '.HEIC',
  );
}

/** JPEG XL photos of the HEIC set's size (12 MP, Display P3, capture date), cjxl distance 1. */
export function jxlPhotos(): Promise<InputSet> {
  return madeOnce(
    `jxl-12mp-2`,
    { width: HEIC.width, height: HEIC.height, v: 1 },
    async (dir) => {
      const sources = originals();
      for (let i = 0; i < 2; i++) {
        const jpeg = join(dir, `.source-${i}.jpg`);
        await sharp(sources[i % sources.length]!)
          .resize(HEIC.width, HEIC.height, { fit: 'cover' })
          .withIccProfile('p3')
          .withExif({ IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' } })
          .jpeg({ quality: 95 })
          .toFile(jpeg);
        execFileSync('cjxl', [
          '-d',
          '1',
          '--lossless_jpeg=0',
          '--quiet',
          jpeg,
          join(dir, `photo-${i + 1}.jxl`),
        ]);
        await rm(jpeg);
      }
    },
    '.jxl',
  );
}

/** The originals decoded once at 1280×960 (cover), for cutting many small distinct pictures. */
async function decodedOriginals(): Promise<{ data: Buffer; width: number; height: number }[]> {
  const out = [];
  for (const source of originals()) {
    const { data, info } = await sharp(source)
      .autoOrient()
      .resize(1280, 960, { fit: 'cover' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    out.push({ data, width: info.width, height: info.height });
  }
  return out;
}

/** Cuts `count` distinct width×height windows, at varying places, from the decoded originals. */
async function cutWindows(
  dir: string,
  spec: { count: number; width: number; height: number; quality: number; prefix: string },
): Promise<void> {
  const bases = await decodedOriginals();
  for (let i = 0; i < spec.count; i++) {
    const base = bases[i % bases.length]!;
    const step = Math.floor(i / bases.length);
    const left = (step * 37) % (base.width - spec.width);
    const top = (step * 23) % (base.height - spec.height);
    await sharp(base.data, { raw: { width: base.width, height: base.height, channels: 3 } })
      .extract({ left, top, width: spec.width, height: spec.height })
      .jpeg({ quality: spec.quality })
      .toFile(join(dir, `${spec.prefix}-${String(i).padStart(4, '0')}.jpg`));
  }
}

/** The small-files set of issue 9: 2,000 JPEGs of 320×200. */
export const SMALL = { count: 2000, width: 320, height: 200, quality: 85 };

/** Small JPEGs: SMALL.width×SMALL.height windows at varying places in the originals, all distinct. */
export function smallPhotos(): Promise<InputSet> {
  return madeOnce(`small-${SMALL.width}x${SMALL.height}`, { ...SMALL, v: 1 }, (dir) =>
    cutWindows(dir, { ...SMALL, prefix: 'small' }),
  );
}

const WEB = { count: 1, width: 640, height: 480, quality: 85 };

/** One 640×480 JPEG (the first window of the originals), served by the downloads bench. */
export async function webPhoto(): Promise<string> {
  const { files } = await madeOnce('web-640x480', { ...WEB, v: 1 }, (dir) =>
    cutWindows(dir, { ...WEB, prefix: 'web' }),
  );
  return files[0]!;
}

const TINY = { size: 64, distinct: 200, quality: 85 };

/** `count` tiny 64×64 JPEGs (200 distinct pictures, copied under numbered names). */
export function tinyPhotos(count: number): Promise<InputSet> {
  return madeOnce(`tiny-64-${count}`, { ...TINY, count, v: 1 }, async (dir) => {
    const bases = await decodedOriginals();
    const distinct: string[] = [];
    for (let i = 0; i < Math.min(TINY.distinct, count); i++) {
      const base = bases[i % bases.length]!;
      const target = join(dir, `tiny-${String(i).padStart(5, '0')}.jpg`);
      await sharp(base.data, { raw: { width: base.width, height: base.height, channels: 3 } })
        .extract({ left: (i * 53) % 1000, top: (i * 29) % 700, width: 256, height: 256 })
        .resize(TINY.size, TINY.size)
        .jpeg({ quality: TINY.quality })
        .toFile(target);
      distinct.push(target);
    }
    for (let i = distinct.length; i < count; i++) {
      await copyFile(
        distinct[i % distinct.length]!,
        join(dir, `tiny-${String(i).padStart(5, '0')}.jpg`),
      );
    }
  });
}

/** A fresh, empty folder under .bench-data/out. */
export async function freshDir(...parts: string[]): Promise<string> {
  const dir = join(BENCH_DATA, 'out', ...parts);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}
