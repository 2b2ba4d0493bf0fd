/**
 * HEIC/HEIF input (iPhone photos): the prebuilt sharp has no HEVC decoder, so the worker decodes
 * the primary image with libheif compiled to WebAssembly (libheif-js, loaded on the first HEIC
 * only) and hands sharp a PNG of its pixels that carries the file's colour profile, so the rest
 * of the pipeline (metadata policy, colour conversion, every operation) is the one JPEGs take.
 * libheif applies the file's rotation and mirroring (`irot`/`imir`) while decoding; HEIF's EXIF
 * orientation is informative only, so the pixels come out upright.
 */
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { readHeifFacts } from '../media/heif-container.js';
import { pngWithProfile } from './png-with-profile.js';
import type { HeifColour, HeifFacts } from '../media/heif-container.js';

/** The parts of libheif-js this module uses. */
interface HeifImage {
  get_width(): number;
  get_height(): number;
  is_primary(): boolean;
  has_alpha_channel(): boolean;
  display(
    target: { data: Uint8ClampedArray; width: number; height: number },
    done: (result: { data: Uint8ClampedArray } | null) => void,
  ): void;
  free(): void;
}
interface LibHeif {
  ready?: Promise<unknown>;
  HeifDecoder: new () => { decode(bytes: Buffer): HeifImage[]; decoder: { delete(): void } };
}

let libheif: Promise<LibHeif> | null = null;

/** libheif-js, loaded once per worker on its first HEIC (about 100 ms). */
function loadLibheif(): Promise<LibHeif> {
  libheif ??= (async () => {
    const lib = createRequire(import.meta.url)('libheif-js/wasm-bundle') as LibHeif;
    await lib.ready;
    return lib;
  })();
  return libheif;
}

/** A HEIF file's primary image, made readable by sharp. */
export interface DecodedHeif {
  /** A PNG (no compression) of the pixels, with the file's ICC profile when it has one. */
  png: Buffer;
  facts: HeifFacts;
  /** Top-level images in the file (1 for a plain photo). */
  images: number;
  /** Whether the PNG carries a profile (the file's ICC, or Display P3 for P3 primaries). */
  hasProfile: boolean;
}

/** Why a HEIF file could not be decoded, in words. */
export class HeifDecodeError extends Error {
  override name = 'HeifDecodeError';
}

/** nclx colour primaries (ITU-T H.273) that have a profile here: 12 is Display P3. */
const DISPLAY_P3_PRIMARIES = 12;
let displayP3: Promise<Buffer> | null = null;

/** libvips' own Display P3 profile, as bytes. */
function displayP3Profile(): Promise<Buffer> {
  displayP3 ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } })
    .withIccProfile('p3')
    .png()
    .toBuffer()
    .then(async (png) => (await sharp(png).metadata()).icc!);
  return displayP3;
}

/**
 * The profile the pixels are in. An ICC profile is used as is. nclx primaries 1 (BT.709) and 2
 * (unspecified) are sRGB's; 12 is Display P3; others (BT.2020 HDR) have no profile here and are
 * read as sRGB.
 */
async function profileFor(colour: HeifColour): Promise<Buffer | null> {
  if (colour.kind === 'icc') return colour.profile;
  if (colour.kind === 'nclx' && colour.primaries === DISPLAY_P3_PRIMARIES)
    return displayP3Profile();
  return null;
}

/** Decodes the primary image of a HEIF file; `maxPixels` refuses a bomb before decoding. */
export async function decodeHeif(bytes: Buffer, maxPixels: number | false): Promise<DecodedHeif> {
  const facts = readHeifFacts(bytes);
  if (maxPixels && facts.width !== null && facts.height !== null) {
    // The words describe-image-error.ts gives sharp's own refusal.
    if (facts.width * facts.height > maxPixels) throw new Error('Input image exceeds pixel limit');
  }
  const lib = await loadLibheif();
  const decoder = new lib.HeifDecoder();
  const log = catchLibheifLog();
  const failed = (what: string) => {
    const reason = log.said();
    return new HeifDecodeError(`the HEIC file could not be decoded: ${reason || what}`);
  };
  let images: HeifImage[] = [];
  try {
    images = decoder.decode(bytes);
    const image = images.find((i) => i.is_primary()) ?? images[0];
    if (!image) throw failed('it holds no image');
    const width = image.get_width();
    const height = image.get_height();
    if (maxPixels && width * height > maxPixels) throw new Error('Input image exceeds pixel limit');
    const rgba = await new Promise<Uint8ClampedArray>((resolve, reject) => {
      image.display({ data: new Uint8ClampedArray(width * height * 4), width, height }, (out) =>
        out ? resolve(out.data) : reject(failed('its pixels are damaged or truncated')),
      );
    });
    log.stop();
    const pixels = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
    let picture = sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: false });
    if (!image.has_alpha_channel()) picture = picture.removeAlpha();
    const profile = await profileFor(facts.colour);
    return {
      png: await pngWithProfile(picture, profile),
      facts,
      images: images.length,
      hasProfile: profile !== null,
    };
  } finally {
    log.stop();
    for (const image of images) image.free();
    decoder.decoder.delete();
  }
}

/**
 * Catches console.log until `stop()`: libheif-js prints why a file does not parse or decode
 * ("Could not parse HEIF file Invalid input: …") instead of throwing, and a worker's stdout is
 * the user's terminal. A worker decodes one image at a time, so nothing else is caught.
 */
function catchLibheifLog(): { said(): string; stop(): void } {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    for (const arg of args) {
      const text = typeof arg === 'string' ? arg : (arg as { message?: unknown })?.message;
      if (typeof text === 'string' && text.trim()) lines.push(text.trim());
    }
  };
  return {
    said: () =>
      lines
        .filter((l) => !/^(Could not parse HEIF file|Decoding image failed)$/i.test(l))
        .map((l) => l.replace(/^Could not parse HEIF file\s*/i, ''))
        .join('; '),
    stop: () => {
      console.log = log;
    },
  };
}
