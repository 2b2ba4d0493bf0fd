/**
 * Test photos that carry what photographers care about, made with sharp so each test owns its
 * data: EXIF with a capture date, camera, lens, copyright and a GPS position, and an orientation;
 * and readers that give an output's EXIF back through exifr.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { patternPixels } from './make-images.js';

/** The tags a camera wrote, as the tests expect to read them back. */
export const CAMERA_TAGS = {
  Make: 'Canon',
  Model: 'EOS R5',
  Copyright: 'Jane Doe 2024',
  Artist: 'Jane Doe',
  DateTimeOriginal: '2024:05:06 07:08:09',
  LensModel: 'RF24-70mm F2.8 L IS USM',
  FNumber: 2.8,
  ExposureTime: 0.008,
} as const;

/** Where the photo was taken (Paris): what `keep-no-gps` must remove. */
export const GPS_POSITION = { latitude: 48.8567611, longitude: 2.35 };

/** The EXIF sharp writes into the test photo (IFD3 is GPS). */
const EXIF = {
  IFD0: {
    Make: CAMERA_TAGS.Make,
    Model: CAMERA_TAGS.Model,
    Copyright: CAMERA_TAGS.Copyright,
    Artist: CAMERA_TAGS.Artist,
    DateTime: CAMERA_TAGS.DateTimeOriginal,
  },
  IFD2: {
    DateTimeOriginal: CAMERA_TAGS.DateTimeOriginal,
    LensModel: CAMERA_TAGS.LensModel,
    FNumber: '28/10',
    ExposureTime: '1/125',
    ISOSpeedRatings: '400',
  },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '48/1 51/1 2434/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '2/1 21/1 0/1',
    GPSAltitudeRef: '0',
    GPSAltitude: '35/1',
  },
};

/**
 * A 64×48 JPEG (stored pixels) with the camera's EXIF, a GPS position and orientation 6, so it
 * shows 48×64 once turned.
 */
export async function writePhotoWithExif(file: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  await sharp(patternPixels({ width: 64, height: 48 }), {
    raw: { width: 64, height: 48, channels: 3 },
  })
    .withMetadata({ orientation: 6 })
    .withExifMerge(EXIF)
    .jpeg({ quality: 90 })
    .toFile(file);
  return file;
}

/** Every EXIF tag of an image file (any format sharp reads), GPS included; null when it has none. */
export async function readExif(file: string): Promise<Record<string, unknown> | null> {
  const { exif } = await sharp(file).metadata();
  if (!exif) return null;
  const tags = (await exifr.parse(exif.subarray(6), { gps: true, reviveValues: false })) as
    Record<string, unknown> | undefined;
  return tags ?? null;
}

/** The names of GPS tags among `tags` (exifr's GPS names, and the latitude/longitude it adds). */
export function gpsTagNames(tags: Record<string, unknown> | null): string[] {
  return Object.keys(tags ?? {}).filter((k) => /^GPS|^latitude$|^longitude$/.test(k));
}
