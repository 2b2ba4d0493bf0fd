/**
 * Pixels handed to sharp as a PNG that carries a colour profile: libvips has no way to tag raw
 * pixels with a profile, so decoded HEICs and 16-bit inputs reduced to 8 bits travel as an
 * uncompressed PNG with an `iCCP` chunk, and the pipeline treats them like any profiled file.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The PNG with an `iCCP` chunk after its header (IHDR is always first: 8 + 25 bytes). */
export function withIccChunk(png: Buffer, profile: Buffer): Buffer {
  const ihdrEnd = 8 + 25;
  const iccp = chunk(
    'iCCP',
    Buffer.concat([Buffer.from('ICC profile\0', 'latin1'), Buffer.from([0]), deflateSync(profile)]),
  );
  return Buffer.concat([png.subarray(0, ihdrEnd), iccp, png.subarray(ihdrEnd)]);
}

/** `image` as a fast (uncompressed) PNG tagged with `profile` (or untagged when null). */
export async function pngWithProfile(image: Sharp, profile: Buffer | null): Promise<Buffer> {
  const png = await image.png({ compressionLevel: 0, adaptiveFiltering: false }).toBuffer();
  return profile ? withIccChunk(png, profile) : png;
}

/**
 * A 16-bit RGB or grey input with its own profile, upright and reduced to 8 bits in its own
 * colour space, with the profile: sharp 0.35 processes such inputs in a P3 working space and then
 * writes P3 numbers untagged (strip), drops the profile (keep, with a rotation or flip) or fails
 * to write the PNG (keep, with a blur alone). Outputs are 8-bit, so nothing is lost but that bug.
 */
export function eightBitWithProfile(input: Buffer | string, profile: Buffer): Promise<Buffer> {
  const upright = sharp(input, { ignoreIcc: true, limitInputPixels: false, failOn: 'error' })
    .autoOrient()
    .toColourspace('srgb');
  return pngWithProfile(upright, profile);
}
