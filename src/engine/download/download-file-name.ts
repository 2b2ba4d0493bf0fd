/**
 * File names for downloads: taken from the URL path's last segment (or a Content-Disposition
 * name), sanitised so that a name can never leave the chosen folder or upset a file system, and
 * given the extension the content actually has (by the same rule as process outputs).
 */
import { formatClaimedByName } from '../image-names.js';
import { MAX_NUMBERED_NAMES } from '../../media/numbered-name.js';
import { numberedName, outputFileName } from '../output-names.js';
import type { ReadableFormat } from '../../media/sniff-image.js';
import { truncateToBytes } from '../temp-names.js';

/** Longest name we produce, in UTF-8 bytes: 255 is the common file-system limit, and we leave
 * room for a `-123` uniqueness suffix, a corrected extension and the temp-name decoration. */
export const MAX_NAME_BYTES = 180;

// Windows refuses these as base names whatever the extension; the files would be unreachable.
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Makes a single safe file name out of untrusted text, or returns null when nothing usable is
 * left. Separators of every platform are treated as path boundaries and only the last part is
 * kept, so `../../evil.jpg` becomes `evil.jpg`; control characters and characters Windows
 * forbids become `_`; leading and trailing dots and spaces go (hidden files, Windows trimming).
 */
export function sanitizeFileName(raw: string): string | null {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  let name = lastPart
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '' || name === '..' || name === '.') return null;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  if (RESERVED_WINDOWS.test(stem)) name = `_${name}`;
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    // Keep a short extension when cutting, so `…long….jpg` still reads as a JPEG.
    const ext = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    name =
      truncateToBytes(
        name.slice(0, name.length - ext.length),
        MAX_NAME_BYTES - Buffer.byteLength(ext),
      ) + ext;
    name = name.replace(/[\s.]+$/, '');
  }
  return name === '' ? null : name;
}

/** The URL path's last non-empty segment, percent-decoded; null when the path has none. */
export function nameFromUrl(url: string): string | null {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split('/').filter((s) => s !== '');
  } catch {
    return null;
  }
  const last = segments.pop();
  if (last === undefined) return null;
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A malformed escape: keep the raw segment, it is still a usable name once sanitised.
  }
  return sanitizeFileName(decoded);
}

/** `%E2%82%AC` → its bytes; other characters as UTF-8. */
function percentDecodeBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9a-f]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(...Buffer.from(text[i]!));
    }
  }
  return Uint8Array.from(out);
}

/**
 * The file name in a Content-Disposition header (RFC 6266), sanitised; null when absent or
 * unusable. `filename*` (RFC 5987, UTF-8) wins over `filename`, as browsers do.
 */
export function nameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      const charset = (extended[1] ?? '').trim().toLowerCase();
      const bytes = percentDecodeBytes(extended[2].trim());
      const decoded = new TextDecoder(charset === 'iso-8859-1' ? 'latin1' : 'utf-8', {
        fatal: true,
      }).decode(bytes);
      const name = sanitizeFileName(decoded);
      if (name) return name;
    } catch {
      // Malformed: fall through to the plain parameter.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return sanitizeFileName(quoted[1].replace(/\\(.)/g, '$1'));
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare?.[1] ? sanitizeFileName(bare[1]) : null;
}

/**
 * The name a download is saved under, before uniqueness: Content-Disposition if it gives a usable
 * name, else the URL path's last segment, else the final URL's (after redirects), else
 * `download-<n>`; then the content's extension.
 */
export function chooseDownloadName(options: {
  url: string;
  finalUrl: string | null;
  contentDisposition: string | null;
  format: ReadableFormat;
  fallbackNumber: number;
}): string {
  const base =
    nameFromContentDisposition(options.contentDisposition) ??
    nameFromUrl(options.url) ??
    (options.finalUrl ? nameFromUrl(options.finalUrl) : null) ??
    `download-${options.fallbackNumber}`;
  // The same extension rule as process outputs: keep a fitting spelling, fix a wrong one.
  return outputFileName(base, options.format);
}

/**
 * Candidate names for uniqueness: `same.jpg`, `same-1.jpg`, `same-2.jpg`, … The caller claims
 * the first that is free both in this run and on disk.
 */
export function* uniqueCandidates(name: string): Generator<string> {
  yield name;
  // Bounded like every name search: a folder holding every numbered name ends in words.
  for (let n = 1; n <= MAX_NUMBERED_NAMES; n += 1) yield numberedName(name, n);
}

/**
 * The name a download will get when the URL alone says it (`…/photo.jpg`: an everyday image
 * extension the content will most likely keep); null when only the response can tell. Lets
 * `--existing skip` keep a file without making a request.
 */
export function nameKnownFromUrl(url: string): string | null {
  const name = nameFromUrl(url);
  return name && formatClaimedByName(name) ? name : null;
}
