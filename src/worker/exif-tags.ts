/**
 * The EXIF tags an output may carry over from its input, read with exifr and written back with
 * sharp's `withExif` (libvips parses each value from text, rationals from decimals). A table, not
 * "everything but GPS", so that what survives `keep-no-gps` is a known list: an unknown tag could
 * hold a location (maker notes often do).
 */
import exifr from 'exifr';
import type { Exif } from 'sharp';

/** Which IFD a tag lives in, in sharp's names: IFD0 the image, IFD2 Exif, IFD3 GPS. */
type IfdName = 'IFD0' | 'IFD2' | 'IFD3';

/** Tag id → the name libvips (libexif) knows it by. */
type TagNames = Readonly<Record<number, string>>;

/** Description, camera, software, dates, author and copyright. */
const IMAGE_TAGS: TagNames = {
  0x010e: 'ImageDescription',
  0x010f: 'Make',
  0x0110: 'Model',
  0x0131: 'Software',
  0x0132: 'DateTime',
  0x013b: 'Artist',
  0x8298: 'Copyright',
};

/** Capture date and time (with zone and sub-seconds), exposure, lens. No serial numbers or owner. */
const CAPTURE_TAGS: TagNames = {
  0x829a: 'ExposureTime',
  0x829d: 'FNumber',
  0x8822: 'ExposureProgram',
  0x8827: 'ISOSpeedRatings',
  0x9003: 'DateTimeOriginal',
  0x9004: 'DateTimeDigitized',
  0x9010: 'OffsetTime',
  0x9011: 'OffsetTimeOriginal',
  0x9012: 'OffsetTimeDigitized',
  0x9201: 'ShutterSpeedValue',
  0x9202: 'ApertureValue',
  0x9204: 'ExposureBiasValue',
  0x9207: 'MeteringMode',
  0x9209: 'Flash',
  0x920a: 'FocalLength',
  0x9290: 'SubsecTime',
  0x9291: 'SubSecTimeOriginal',
  0x9292: 'SubSecTimeDigitized',
  0xa402: 'ExposureMode',
  0xa403: 'WhiteBalance',
  0xa405: 'FocalLengthIn35mmFilm',
  0xa406: 'SceneCaptureType',
  0xa432: 'LensSpecification',
  0xa433: 'LensMake',
  0xa434: 'LensModel',
};

/** Where the photo was taken: only `keep` writes these. */
const LOCATION_TAGS: TagNames = {
  0x00: 'GPSVersionID',
  0x01: 'GPSLatitudeRef',
  0x02: 'GPSLatitude',
  0x03: 'GPSLongitudeRef',
  0x04: 'GPSLongitude',
  0x05: 'GPSAltitudeRef',
  0x06: 'GPSAltitude',
  0x07: 'GPSTimeStamp',
  0x10: 'GPSImgDirectionRef',
  0x11: 'GPSImgDirection',
  0x1d: 'GPSDateStamp',
};

/** exifr's blocks, keyed by tag id (translateKeys off), values as stored (no revival). */
interface ParsedBlocks {
  ifd0?: Record<number, unknown>;
  exif?: Record<number, unknown>;
  gps?: Record<number, unknown>;
}

/** A value as the text libvips parses: numbers in decimal, several separated by spaces. */
function valueText(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.replace(/\0+$/, '').trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  const numbers = Array.isArray(value) || value instanceof Uint8Array ? Array.from(value) : null;
  if (!numbers || numbers.length === 0 || numbers.length > 8) return null;
  return numbers.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? numbers.join(' ')
    : null;
}

function pick(block: Record<number, unknown> | undefined, names: TagNames): Record<string, string> {
  const out: Record<string, string> = {};
  if (!block) return out;
  for (const [id, name] of Object.entries(names)) {
    const text = valueText(block[Number(id)]);
    if (text !== null) out[name] = text;
  }
  return out;
}

/**
 * The tags to write, from EXIF already parsed; null when none is left. Orientation is never among
 * them: the pipeline turns the pixels, and libvips writes Orientation 1.
 */
function tagsFrom(blocks: ParsedBlocks, withLocation: boolean): Exif | null {
  const ifds: [IfdName, Record<string, string>][] = [
    ['IFD0', pick(blocks.ifd0, IMAGE_TAGS)],
    ['IFD2', pick(blocks.exif, CAPTURE_TAGS)],
    ['IFD3', withLocation ? pick(blocks.gps, LOCATION_TAGS) : {}],
  ];
  const kept = ifds.filter(([, tags]) => Object.keys(tags).length > 0);
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/** Parameters of exifr.parse (its type for them is not exported). */
type ParseOptions = Parameters<typeof exifr.parse>[1];

const PARSE_OPTIONS: ParseOptions = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  translateKeys: false,
  translateValues: false,
  reviveValues: false,
  mergeOutput: false,
};

/**
 * The tags to carry over from `source`: a whole file exifr reads (JPEG, HEIC, TIFF, PNG), or the
 * EXIF block sharp hands out (`metadata().exif`, "Exif\0\0" and a TIFF structure). Damaged EXIF
 * is no reason to fail a photo: it gives no tags.
 */
export async function exifTagsToKeep(source: Buffer, withLocation: boolean): Promise<Exif | null> {
  const tiff = source.toString('latin1', 0, 6) === 'Exif\0\0' ? source.subarray(6) : source;
  try {
    const blocks = (await exifr.parse(tiff, PARSE_OPTIONS)) as ParsedBlocks | undefined;
    return blocks ? tagsFrom(blocks, withLocation) : null;
  } catch {
    return null;
  }
}
