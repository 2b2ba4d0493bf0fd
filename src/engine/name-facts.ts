/**
 * What a name template's {w}, {h} and {date} need to know about an input before it is processed,
 * read from the file's first bytes and its EXIF (never decoded): what the bytes are, the size once
 * oriented as the worker orients it, and the capture date. Read only when a template asks.
 */
import { open, stat } from 'node:fs/promises';
import exifr from 'exifr';
import { imageSize } from 'image-size';
import { readHeifFacts } from '../media/heif-container.js';
import { readJxlFacts } from '../media/jxl-container.js';
import { sniffBytes } from '../media/sniff-image.js';
import type { SniffResult } from '../media/sniff-image.js';
import type { Size } from '../shared/output-geometry.js';
import { calendarDate } from '../shared/name-template.js';

/** What was read: the content, the oriented size (null when the header does not give it), the date. */
export interface NameFacts {
  sniffed: SniffResult;
  oriented: Size | null;
  /** YYYY-MM-DD: the capture date, else the file's modification date; null when not asked. */
  date: string | null;
}

/** A JPEG's size follows its EXIF segments (a thumbnail each, up to 64 KiB); a HEIF's meta box is first. */
const HEADER_BYTES = 256 * 1024;

/** Reads the facts of `path`; `needs` says which (the size and the date cost reads of their own). */
export async function readNameFacts(
  path: string,
  needs: { size: boolean; date: boolean },
): Promise<NameFacts> {
  const header = await readStart(path);
  const sniffed = sniffBytes(header);
  const oriented =
    needs.size && sniffed.kind === 'image' ? await orientedSize(path, header, sniffed) : null;
  const date = needs.date ? await captureDate(path) : null;
  return { sniffed, oriented, date };
}

async function readStart(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * The size the worker sees once oriented: EXIF orientations 5–8 swap the sides; a HEIF's `irot`
 * does (libheif applies it while decoding; its EXIF orientation is then informative only), and a
 * JPEG XL's codestream orientation (libjxl applies it).
 */
async function orientedSize(
  path: string,
  header: Buffer,
  sniffed: SniffResult,
): Promise<Size | null> {
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
  // JPEG XL: the codestream's own orientation, which libjxl applies.
  const orientation =
    sniffed.format === 'jxl' ? readJxlFacts(header).orientation : await exifOrientation(path);
  return orientation >= 5
    ? { width: size.height, height: size.width }
    : { width: size.width, height: size.height };
}

async function exifOrientation(path: string): Promise<number> {
  try {
    const value: unknown = await exifr.orientation(path);
    return typeof value === 'number' ? value : 1;
  } catch {
    return 1;
  }
}

/** The EXIF capture date (DateTimeOriginal, else CreateDate), else the file's modification date. */
async function captureDate(path: string): Promise<string> {
  try {
    const tags: unknown = await exifr.parse(path, { pick: ['DateTimeOriginal', 'CreateDate'] });
    if (tags && typeof tags === 'object') {
      const { DateTimeOriginal, CreateDate } = tags as Record<string, unknown>;
      const taken = DateTimeOriginal ?? CreateDate;
      if (taken instanceof Date && !Number.isNaN(taken.getTime())) return calendarDate(taken);
    }
  } catch {
    // No EXIF, or none exifr can read: the file's own date says when it was made.
  }
  return calendarDate((await stat(path)).mtime);
}
