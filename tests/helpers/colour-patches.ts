/**
 * Flat patches of a known sRGB colour, stored in other colour spaces the way cameras, phones,
 * print workflows and scanners store them: Display P3, Adobe RGB (1998), CMYK, 16 bits per
 * channel, greyscale. Made with sharp (libvips converts the colour into the space and embeds the
 * profile), so a pipeline that ignores the profile comes out measurably wrong.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** An sRGB colour, 0–255 per channel. */
export type Rgb = [number, number, number];

/** How a patch is stored. */
export type PatchSpace =
  'display-p3' | 'adobe-rgb' | 'cmyk' | 'srgb-16bit' | 'display-p3-16bit' | 'grey';

/** A big-endian s15Fixed16 number. */
function s15(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(Math.round(value * 65536));
  return b;
}

function xyzTag(x: number, y: number, z: number): Buffer {
  return Buffer.concat([Buffer.from('XYZ \0\0\0\0', 'latin1'), s15(x), s15(y), s15(z)]);
}

function textTag(type: 'desc' | 'text', text: string): Buffer {
  if (type === 'text')
    return Buffer.concat([
      Buffer.from('text\0\0\0\0', 'latin1'),
      Buffer.from(`${text}\0`, 'latin1'),
    ]);
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const count = Buffer.alloc(4);
  count.writeUInt32BE(ascii.length);
  // ASCII part, then empty Unicode (language + count) and ScriptCode (code + count + 67 bytes).
  return Buffer.concat([
    Buffer.from('desc\0\0\0\0', 'latin1'),
    count,
    ascii,
    Buffer.alloc(4 + 4 + 2 + 1 + 67),
  ]);
}

/** A gamma curve (u8Fixed8), as Adobe RGB (1998) specifies: 563/256 ≈ 2.2. */
function gammaTag(): Buffer {
  return Buffer.concat([
    Buffer.from('curv\0\0\0\0', 'latin1'),
    Buffer.from([0, 0, 0, 1, 0x02, 0x33]),
  ]);
}

/**
 * An ICC v2 matrix/TRC display profile for Adobe RGB (1998): its primaries adapted to D50 and
 * its 2.2 gamma, written by hand (no such profile ships with libvips or Debian by default).
 */
export function adobeRgbProfile(): Buffer {
  const tags: [string, Buffer][] = [
    ['desc', textTag('desc', 'Adobe RGB (1998) compatible (photobatch tests)')],
    ['cprt', textTag('text', 'No copyright, test data')],
    ['wtpt', xyzTag(0.9642, 1.0, 0.8249)],
    ['rXYZ', xyzTag(0.60974, 0.31111, 0.01947)],
    ['gXYZ', xyzTag(0.20528, 0.62567, 0.06087)],
    ['bXYZ', xyzTag(0.14919, 0.06322, 0.74457)],
    ['rTRC', gammaTag()],
    ['gTRC', gammaTag()],
    ['bTRC', gammaTag()],
  ];
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const tableSize = 4 + tags.length * 12;
  let offset = 128 + tableSize;
  const table = Buffer.alloc(tableSize);
  table.writeUInt32BE(tags.length, 0);
  const bodies: Buffer[] = [];
  tags.forEach(([sig, data], i) => {
    table.write(sig, 4 + i * 12, 'latin1');
    table.writeUInt32BE(offset, 8 + i * 12);
    table.writeUInt32BE(data.length, 12 + i * 12);
    const padded = pad(data);
    bodies.push(padded);
    offset += padded.length;
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.write('lcms', 4, 'latin1');
  header.writeUInt32BE(0x02100000, 8); // version 2.1
  header.write('mntr', 12, 'latin1');
  header.write('RGB ', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  header.write('acsp', 36, 'latin1');
  header.writeUInt32BE(0, 64); // perceptual
  s15(0.9642).copy(header, 68);
  s15(1.0).copy(header, 72);
  s15(0.8249).copy(header, 76);
  return Buffer.concat([header, table, ...bodies]);
}

/** Writes a `size`² patch of `colour` stored in `space` as a JPEG or PNG; returns its path. */
export async function writePatch(
  dir: string,
  colour: Rgb,
  space: PatchSpace,
  size = 48,
): Promise<string> {
  const pixels = Buffer.alloc(size * size * 3);
  for (let i = 0; i < size * size; i++) pixels.set(colour, i * 3);
  const image = sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
  const file = path.join(dir, `${space}.${space.includes('16bit') ? 'png' : 'jpg'}`);
  switch (space) {
    case 'display-p3':
      await image
        .withIccProfile('p3')
        .jpeg({ quality: 98, chromaSubsampling: '4:4:4' })
        .toFile(file);
      break;
    case 'adobe-rgb': {
      const profile = path.join(dir, 'adobe-rgb.icc');
      await writeFile(profile, adobeRgbProfile());
      await image
        .withIccProfile(profile)
        .jpeg({ quality: 98, chromaSubsampling: '4:4:4' })
        .toFile(file);
      break;
    }
    case 'cmyk':
      await image.withIccProfile('cmyk').jpeg({ quality: 98 }).toFile(file);
      break;
    case 'srgb-16bit':
      await image.toColourspace('rgb16').png().toFile(file);
      break;
    case 'display-p3-16bit':
      await image.withIccProfile('p3').toColourspace('rgb16').png().toFile(file);
      break;
    case 'grey':
      await image.toColourspace('b-w').jpeg({ quality: 98 }).toFile(file);
      break;
  }
  return file;
}

/** The mean of each channel as stored in `file` (no colour conversion), 0–255. */
export async function storedColour(file: string): Promise<number[]> {
  const { data, info } = await sharp(file)
    .keepIccProfile()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const sums = new Array<number>(info.channels).fill(0);
  for (let i = 0; i < data.length; i++) sums[i % info.channels]! += data[i]!;
  return sums.map((s) => s / (data.length / info.channels));
}
