/**
 * The scanner's verdict on one file: process it, skip it (and count it), or fail it with a reason.
 * Content decides what a file is; the name only decides how loudly a non-image is reported: a
 * file named like a picture that is not one is a failure, anything else is a skip.
 */
import { basename } from 'node:path';
import { missingCase } from '../shared/missing-case.js';
import { describeFsError, fsErrorCode } from './fs-error-words.js';
import {
  claimsToBePicture,
  formatClaimedByName,
  isCameraRawName,
  lowerExtension,
  skipReasonForFileName,
} from './image-names.js';
import { entryLabel } from './scan-entry.js';
import type { ScanEntry } from './scan-entry.js';
import { isReadableFormat } from '../media/sniff-image.js';
import { sniffFile } from './sniff-file.js';
import type { SniffResult } from '../media/sniff-image.js';

/** Where a file was found. */
export interface FilePlace {
  source: string;
  root: string;
  relativePath: string;
}

/** How much a classification may take a file's name on trust. */
export interface ClassifyOptions {
  /**
   * A photo named like one (`.jpg`, `.png`, `.webp`, `.gif`, `.avif`) is passed on unread, as
   * `checked: false`: the worker that decodes it checks its bytes (it reads them anyway), so each
   * image is read once. Off, every file's first bytes are read here.
   */
  trustPictureNames?: boolean;
}

/** Classifies a regular file of `size` bytes: by name for known clutter, otherwise by content. */
export async function classifyFile(
  place: FilePlace,
  size: number | null,
  options: ClassifyOptions = {},
): Promise<ScanEntry> {
  const label = entryLabel(place);
  const name = basename(place.source);
  const skippedByName = skipReasonForFileName(name);
  if (skippedByName) return reject(place, size, 'skip', `${label}: ${skippedByName}`);
  const claimed = options.trustPictureNames && size !== 0 ? formatClaimedByName(name) : null;
  if (claimed) return { ...place, size, verdict: 'image', format: claimed, checked: false };
  let sniffed: SniffResult;
  try {
    sniffed = await sniffFile(place.source);
  } catch (error) {
    return reject(place, size, 'fail', `${label}: could not be read (${describeFsError(error)})`);
  }
  return verdictFromContent(place, size, sniffed);
}

/** "a Canon raw photo (CR3)" from its bytes, else "a camera raw photo (NEF)" from its name. */
function cameraRawWhat(name: string, sniffed: SniffResult): string {
  if (sniffed.kind === 'camera-raw' && sniffed.what !== 'a camera raw photo') return sniffed.what;
  const extension = lowerExtension(name).slice(1).toUpperCase();
  return `a camera raw photo${extension ? ` (${extension})` : ''}`;
}

/**
 * The verdict on a file from what its bytes are (read here, or by the worker that was to decode
 * it): an image to process, or a skip or failure with the reason in words.
 */
export function verdictFromContent(
  place: FilePlace,
  size: number | null,
  sniffed: SniffResult,
): ScanEntry {
  const label = entryLabel(place);
  const name = basename(place.source);
  const { format, what } = sniffed;
  const claimed = claimsToBePicture(name);
  // DNG, NEF, ARW… are TIFF inside; decoding them as TIFF would give a small embedded preview.
  if (sniffed.kind === 'camera-raw' || (isCameraRawName(name) && sniffed.kind === 'image')) {
    return reject(
      place,
      size,
      'skip',
      `${label}: ${cameraRawWhat(name, sniffed)}, not supported yet, so skipped (export it as JPEG or TIFF first)`,
      format,
    );
  }
  switch (sniffed.kind) {
    case 'image':
      if (!isReadableFormat(format))
        throw new Error(`sniffer returned kind image for ${String(format)}`);
      return { ...place, size, verdict: 'image', format, checked: true };
    case 'unreadable-image':
      return reject(
        place,
        size,
        'fail',
        `${label}: ${what}, which this app cannot read (convert it to JPEG or PNG first)`,
        format,
      );
    case 'drawing':
      return claimed
        ? reject(place, size, 'fail', `${label}: not a photo (it is ${what})`)
        : reject(
            place,
            size,
            'skip',
            `${label}: ${what}, not a photo (drawings are not processed)`,
          );
    case 'empty':
      return reject(place, size, claimed ? 'fail' : 'skip', `${label}: empty file (0 bytes)`);
    case 'other':
      return reject(
        place,
        size,
        claimed ? 'fail' : 'skip',
        `${label}: not an image (it is ${what})`,
      );
    default:
      return missingCase(sniffed.kind);
  }
}

/**
 * The verdict on a name that could not even be looked at (`stat` failed). A dangling link with a
 * non-picture name is clutter; anything else the user may have meant to process is a failure.
 */
export function classifyUnreachable(place: FilePlace, error: unknown, isLink: boolean): ScanEntry {
  const label = entryLabel(place);
  const dangling = isLink && fsErrorCode(error) === 'ENOENT';
  if (dangling) {
    const verdict = claimsToBePicture(basename(place.source)) ? 'fail' : 'skip';
    return reject(place, 0, verdict, `${label}: broken link (what it points to does not exist)`);
  }
  return reject(place, 0, 'fail', `${label}: could not be read (${describeFsError(error)})`);
}

/** A skip or fail entry. */
export function reject(
  place: FilePlace,
  size: number | null,
  verdict: 'skip' | 'fail',
  reason: string,
  format: SniffResult['format'] = null,
): ScanEntry {
  return { ...place, size, verdict, format, reason };
}
