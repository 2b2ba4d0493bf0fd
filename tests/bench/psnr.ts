/** Pixel comparison of two folders of outputs, with sharp: PSNR over RGB, 8-bit. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

async function rgb(path: string) {
  return sharp(path)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/** PSNR (dB) of `b` against `a`; Infinity when identical, NaN when the sizes differ. */
export async function psnr(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([rgb(a), rgb(b)]);
  if (
    x.info.width !== y.info.width ||
    x.info.height !== y.info.height ||
    x.info.channels !== y.info.channels
  ) {
    return NaN;
  }
  let sum = 0;
  for (let i = 0; i < x.data.length; i++) {
    const d = x.data[i]! - y.data[i]!;
    sum += d * d;
  }
  const mse = sum / x.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** PSNR of every file of `reference` against the same name in `other`. */
export async function folderPsnr(
  reference: string,
  other: string,
): Promise<{ min: number; median: number; count: number; sizeMismatches: number }> {
  const values: number[] = [];
  let sizeMismatches = 0;
  for (const name of readdirSync(reference).sort()) {
    const counterpart = join(other, name);
    if (!existsSync(counterpart)) continue;
    const value = await psnr(join(reference, name), counterpart);
    if (Number.isNaN(value)) sizeMismatches++;
    else values.push(value);
  }
  values.sort((a, b) => a - b);
  return {
    min: values[0] ?? NaN,
    median: values[values.length >> 1] ?? NaN,
    count: values.length,
    sizeMismatches,
  };
}
