/**
 * Names of output files: which format an input becomes and the extension that says so.
 */
import { extname } from 'node:path';
import type { OutputFormat } from '../shared/settings.js';
import { WRITABLE_FORMATS } from '../shared/worker-messages.js';
import type { WritableFormat } from '../shared/worker-messages.js';
import { CANONICAL_EXTENSION, claimsToBePicture, extensionMatchesFormat } from './image-names.js';
import type { SniffedFormat } from '../media/sniff-image.js';

/** The format to write: the requested one, or for `keep` the input's own when we can write it, else JPEG. */
export function outputFormatFor(requested: OutputFormat, sniffed: SniffedFormat): WritableFormat {
  if (requested !== 'keep') return requested;
  return (WRITABLE_FORMATS as readonly string[]).includes(sniffed)
    ? (sniffed as WritableFormat)
    : 'jpeg';
}

/**
 * The output's file name for an input named `name` written as `format`. The user's spelling is
 * kept when it already fits (`IMG_1.JPG`, `a.jpeg`); a picture extension that does not fit is
 * replaced (`x.png` holding a JPEG → `x.jpg`); any other suffix is kept and the extension added
 * (`scan.2024` → `scan.2024.jpg`), because replacing it could merge two different names.
 */
export function outputFileName(name: string, format: WritableFormat | 'heif' | 'jxl'): string {
  const extension = extname(name);
  if (extension && extensionMatchesFormat(extension, format)) return name;
  const stem = extension && claimsToBePicture(name) ? name.slice(0, -extension.length) : name;
  return `${stem}${CANONICAL_EXTENSION[format]}`;
}

export { numberedName } from '../media/numbered-name.js';
