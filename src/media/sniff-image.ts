/**
 * Recognises a file by its first bytes, the way `file(1)` does, so that a JPEG named `.png` is
 * processed and an HTML error page saved as `.jpg` is reported as what it is. Pure: it looks at
 * bytes already read, so the scanner (first bytes of a file), the fetcher (first bytes of a body)
 * and the worker (the whole file it is about to decode) share one set of rules.
 */
import { DECODABLE_FORMATS, SNIFF_KINDS } from '../shared/worker-messages.js';

/** Raster formats we can name by content. Only some of them can be decoded (READABLE_FORMATS). */
export const SNIFFED_FORMATS = [
  'jpeg',
  'png',
  'gif',
  'webp',
  'avif',
  'heif',
  'jxl',
  'tiff',
  'jp2',
] as const;
/** A raster format recognised by content. */
export type SniffedFormat = (typeof SNIFFED_FORMATS)[number];

/**
 * Formats the worker decodes: sharp 0.35's prebuilt libvips, which has no HEVC decoder (HEIC from
 * phones: decoded with libheif in WebAssembly instead), no libjxl (JPEG XL: libjxl in WebAssembly)
 * and no OpenJPEG (JPEG 2000); tests compare
 * this list with `sharp.format` so an upgrade cannot drift.
 */
export const READABLE_FORMATS = DECODABLE_FORMATS;
/** A format the worker can decode. */
export type ReadableFormat = (typeof READABLE_FORMATS)[number];

/** What the bytes are, in the scanner's terms (SNIFF_KINDS says each). */
export type SniffKind = (typeof SNIFF_KINDS)[number];

/** The verdict on a file's first bytes. */
export interface SniffResult {
  /** A raster format when one is recognised (even one we cannot decode), else null. */
  format: SniffedFormat | null;
  kind: SniffKind;
  /** Plain words for messages: "a JPEG image", "an HTML page", "an empty file". */
  what: string;
}

/** Enough for every signature below, and for the start of an SVG or HTML file after a preamble. */
export const SNIFF_BYTES = 512;

/** True for a format the worker can decode. */
export function isReadableFormat(format: SniffedFormat | null): format is ReadableFormat {
  return (READABLE_FORMATS as readonly string[]).includes(format ?? '');
}

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const asciiAt = (bytes: Buffer, at: number, length: number): string =>
  bytes.toString('latin1', at, at + length);

const image = (format: ReadableFormat, what: string): SniffResult => ({
  format,
  kind: 'image',
  what,
});
const unreadable = (format: SniffedFormat | null, what: string): SniffResult => ({
  format,
  kind: 'unreadable-image',
  what,
});
const other = (what: string): SniffResult => ({ format: null, kind: 'other', what });

/** Names the content of a file from its first bytes (pass at least the first 512 when there are). */
export function sniffBytes(bytes: Buffer): SniffResult {
  if (bytes.length === 0) return { format: null, kind: 'empty', what: 'an empty file' };
  return sniffBinary(bytes) ?? sniffText(bytes);
}

function sniffBinary(bytes: Buffer): SniffResult | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image('jpeg', 'a JPEG image');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return image('png', 'a PNG image');
  const head6 = asciiAt(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return image('gif', 'a GIF image');
  if (asciiAt(bytes, 0, 4) === 'RIFF' && asciiAt(bytes, 8, 4) === 'WEBP')
    return image('webp', 'a WebP image');
  if (asciiAt(bytes, 4, 4) === 'ftyp') return sniffIsoMedia(bytes);
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]))
    return unreadable('jp2', 'a JPEG 2000 image');
  if (startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])) return unreadable('jp2', 'a JPEG 2000 image');
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]))
    return image('jxl', 'a JPEG XL image');
  if (startsWith(bytes, [0xff, 0x0a])) return image('jxl', 'a JPEG XL image');
  const tiff = sniffTiffFamily(bytes);
  if (tiff) return tiff;
  if (isBmp(bytes)) return unreadable(null, 'a BMP image');
  if (asciiAt(bytes, 0, 4) === '8BPS') return unreadable(null, 'a Photoshop document');
  if (asciiAt(bytes, 0, 5) === '%PDF-') return other('a PDF document');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return other('a ZIP archive');
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return other('a gzip-compressed file');
  if (asciiAt(bytes, 0, 4) === 'RIFF') return other('a RIFF media file (audio or video)');
  return null;
}

/** HEIF, AVIF and friends share the ISO base media container; the `ftyp` brands tell them apart. */
function sniffIsoMedia(bytes: Buffer): SniffResult {
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length);
  const brands = [asciiAt(bytes, 8, 4)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(asciiAt(bytes, at, 4));
  // AVIF files also list the generic HEIF brand `mif1`, so look for AVIF first.
  if (brands.some((b) => b === 'avif' || b === 'avis')) return image('avif', 'an AVIF image');
  if (brands.includes('crx '))
    return { format: null, kind: 'camera-raw', what: 'a Canon raw photo (CR3)' };
  const heif = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'mif2'];
  if (brands.some((b) => heif.includes(b))) return image('heif', 'a HEIC/HEIF image');
  if (brands.some((b) => b.startsWith('jp2') || b === 'jpx '))
    return unreadable('jp2', 'a JPEG 2000 image');
  return other('a video or audio file (MP4/QuickTime family)');
}

function sniffTiffFamily(bytes: Buffer): SniffResult | null {
  const head4 = asciiAt(bytes, 0, 4);
  // Olympus and Panasonic raw files use their own TIFF-like magic numbers.
  if (head4 === 'IIRO' || head4 === 'IIRS' || head4 === 'IIU\0') {
    return { format: null, kind: 'camera-raw', what: 'a camera raw photo' };
  }
  const classic = head4 === 'II*\0' || head4 === 'MM\0*';
  const big = head4 === 'II+\0' || head4 === 'MM\0+';
  if (!classic && !big) return null;
  if (classic && asciiAt(bytes, 8, 2) === 'CR') {
    return { format: null, kind: 'camera-raw', what: 'a Canon raw photo (CR2)' };
  }
  return image('tiff', 'a TIFF image');
}

/** "BM" alone is common in text, so also require a known DIB header size. */
function isBmp(bytes: Buffer): boolean {
  if (bytes.length < 18 || asciiAt(bytes, 0, 2) !== 'BM') return false;
  return [12, 40, 52, 56, 64, 108, 124].includes(bytes.readUInt32LE(14));
}

function sniffText(bytes: Buffer): SniffResult {
  if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe]))
    return other('a text file (UTF-16)');
  if (!looksLikeText(bytes)) return other('data in a format this app does not know');
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  // Skip an XML declaration, comments and a doctype to reach the first real element.
  const body = text.replace(/^(<\?xml[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)+/, '');
  if (/^<!doctype\s+html|^<(html|head|body)[\s>]/.test(body)) return other('an HTML page');
  if (/^(<!doctype\s+svg[\s\S]*?>\s*)?<svg[\s>:]/.test(body)) {
    return { format: null, kind: 'drawing', what: 'an SVG drawing' };
  }
  if (body.startsWith('<'))
    return other(text.startsWith('<?xml') ? 'an XML document' : 'an HTML or XML document');
  if (/^[{[]/.test(text)) return other('a JSON or text file');
  return other('a text file');
}

/** Text when there is no NUL byte and control characters other than whitespace are rare. */
function looksLikeText(bytes: Buffer): boolean {
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)
      controls += 1;
  }
  return controls * 20 < bytes.length;
}
