/**
 * What a name template's {w}, {h} and {date} need to know about an input before it is processed,
 * read from the file's first bytes and its EXIF (never decoded): what the bytes are, the size once
 * oriented as the worker orients it, and the capture date. Read only when a template asks.
 */
import { stat } from 'node:fs/promises';
import exifr from 'exifr';
import { imageSize } from 'image-size';
import { readHeifFacts } from '../media/heif-container.js';
import { readJxlFacts } from '../media/jxl-container.js';
import { readWebpExif } from '../media/webp-container.js';
import { sniffBytes } from '../media/sniff-image.js';
import type { SniffResult } from '../media/sniff-image.js';
import type { Size } from '../shared/output-geometry.js';
import { calendarDate } from '../shared/name-template.js';
import { readHeader } from './image-headers.js';

/** What was read: the content, the oriented size (null when the header does not give it), the date. */
export interface NameFacts {
  sniffed: SniffResult;
  oriented: Size | null;
  /** YYYY-MM-DD: the capture date, else the file's modification date; null when not asked. */
  date: string | null;
}

/** The EXIF tags a name can need, read at most once per file. */
interface NameTags {
  Orientation?: unknown;
  DateTimeOriginal?: unknown;
  CreateDate?: unknown;
}

/** Reads the facts of `path`; `needs` says which (the size and the date cost an EXIF read). */
export async function readNameFacts(
  path: string,
  needs: { size: boolean; date: boolean },
): Promise<NameFacts> {
  const header = await readHeader(path);
  const sniffed = sniffBytes(header);
  const sized = needs.size && sniffed.kind === 'image';
  // HEIF and JPEG XL say their orientation in their own headers; EXIF's is for the others.
  const ownOrientation =
    sniffed.format === 'heif' || sniffed.format === 'avif' || sniffed.format === 'jxl';
  const tags = needs.date || (sized && !ownOrientation) ? await nameTags(path, sniffed.format) : {};
  const oriented = sized ? orientedSize(header, sniffed, tags) : null;
  const date = needs.date ? await captureDate(path, tags) : null;
  return { sniffed, oriented, date };
}

/**
 * The size the worker sees once oriented: EXIF orientations 5–8 swap the sides; a HEIF's `irot`
 * does (libheif applies it while decoding; its EXIF orientation is then informative only), and a
 * JPEG XL's codestream orientation (libjxl applies it).
 */
function orientedSize(header: Buffer, sniffed: SniffResult, tags: NameTags): Size | null {
  if (sniffed.format === 'heif' || sniffed.format === 'avif') {
    const facts = readHeifFacts(header);
    if (!facts.width || !facts.height) return null;
    const turned = facts.quarterTurns % 2 === 1;
    return turned
      ? { width: facts.height, height: facts.width }
      : { width: facts.width, height: facts.height };
  }
  let size;
  try {
    size = imageSize(header);
  } catch {
    return null;
  }
  if (!size.width || !size.height) return null;
  const orientation =
    sniffed.format === 'jxl'
      ? readJxlFacts(header).orientation
      : typeof tags.Orientation === 'number'
        ? tags.Orientation
        : 1;
  return orientation >= 5
    ? { width: size.height, height: size.width }
    : { width: size.width, height: size.height };
}

/** Orientation and capture dates in one EXIF read (none when there is no EXIF exifr reads). */
async function nameTags(path: string, format: SniffResult['format']): Promise<NameTags> {
  try {
    // exifr reads no WebP: it is given the EXIF chunk's TIFF block instead.
    const source = format === 'webp' ? await readWebpExif(path) : path;
    if (source === null) return {};
    const tags: unknown = await exifr.parse(source, {
      pick: ['Orientation', 'DateTimeOriginal', 'CreateDate'],
      translateValues: false,
    });
    return tags && typeof tags === 'object' ? (tags as NameTags) : {};
  } catch {
    return {};
  }
}

/** The EXIF capture date (DateTimeOriginal, else CreateDate), else the file's modification date. */
async function captureDate(path: string, tags: NameTags): Promise<string> {
  const taken = tags.DateTimeOriginal ?? tags.CreateDate;
  if (taken instanceof Date && !Number.isNaN(taken.getTime())) return calendarDate(taken);
  return calendarDate((await stat(path)).mtime);
}
