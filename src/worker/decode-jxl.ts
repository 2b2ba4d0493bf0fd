/**
 * JPEG XL input: the prebuilt sharp has no libjxl, so the worker decodes it with libjxl compiled
 * to WebAssembly (@jsquash/jxl, Squoosh's decoder, loaded on the first JPEG XL only) and hands
 * sharp a PNG of the pixels, as decode-heif.ts does for HEIC. The decoder applies the file's
 * orientation and converts its colours to sRGB, so the PNG needs no profile; the EXIF comes from
 * the container (src/media/jxl-container.ts) and the metadata policy applies as for a JPEG.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { readJxlFacts } from '../media/jxl-container.js';
import type { JxlFacts } from '../media/jxl-container.js';

/** What the decoder gives: 8-bit RGBA in sRGB. */
interface DecodedPixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** WebAssembly as far as this module needs it (the project's Node typings have no DOM lib). */
interface Wasm {
  compile(bytes: Uint8Array): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface JxlCodec {
  decode(bytes: ArrayBuffer): Promise<DecodedPixels>;
}

/** What the decoder printed while decoding the current file (emscripten's stderr). */
let printed: string[] = [];
let codec: Promise<JxlCodec> | null = null;

/** The decoder, loaded once per worker on its first JPEG XL (the WebAssembly is compiled here). */
function loadCodec(): Promise<JxlCodec> {
  codec ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = await wasmApi.compile(
      readFileSync(require.resolve('@jsquash/jxl/codec/dec/jxl_dec.wasm')),
    );
    const module = (await import('@jsquash/jxl/decode.js')) as unknown as {
      default: JxlCodec['decode'];
      init(module: object, options: object): Promise<unknown>;
    };
    // Its prints would go to the worker's stdout, which is the user's terminal.
    await module.init(wasm, {
      print: () => {},
      printErr: (text: string) => printed.push(String(text)),
    });
    return { decode: module.default };
  })();
  return codec;
}

/** Why a JPEG XL file could not be decoded, in words. */
export class JxlDecodeError extends Error {
  override name = 'JxlDecodeError';
}

/** A JPEG XL file made readable by sharp. */
export interface DecodedJxl {
  /** A PNG (no compression) of the upright sRGB pixels. */
  png: Buffer;
  facts: JxlFacts;
}

/** Decodes a JPEG XL file; `maxPixels` refuses a bomb before decoding. */
export async function decodeJxl(bytes: Buffer, maxPixels: number | false): Promise<DecodedJxl> {
  const facts = readJxlFacts(bytes);
  // The words describe-image-error.ts gives sharp's own refusal.
  if (maxPixels && facts.width !== null && facts.height !== null)
    if (facts.width * facts.height > maxPixels) throw new Error('Input image exceeds pixel limit');
  const { decode } = await loadCodec();
  printed = [];
  let pixels: DecodedPixels;
  try {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    pixels = await decode(copy as ArrayBuffer);
  } catch {
    const said = printed
      .map((l) => l.trim())
      .filter(Boolean)
      .join('; ');
    throw new JxlDecodeError(
      `the JPEG XL file could not be decoded: ${said || 'its data are damaged or truncated'}`,
    );
  }
  const { width, height, data } = pixels;
  if (maxPixels && width * height > maxPixels) throw new Error('Input image exceeds pixel limit');
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let picture = sharp(raw, { raw: { width, height, channels: 4 }, limitInputPixels: false });
  if (opaque(raw)) picture = picture.removeAlpha();
  return { png: await picture.png({ compressionLevel: 0 }).toBuffer(), facts };
}

/** True when every pixel's alpha is 255 (the decoder always gives four channels). */
function opaque(rgba: Buffer): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}
