/**
 * What a file's name says about it. The scanner decides by content; names only tell it which
 * files to leave unread (system clutter, sidecars, hidden files) and whether a file *claimed*
 * to be a picture, which turns "not an image" from a quiet skip into a reported failure.
 */
import { extname } from 'node:path';
import type { DECODABLE_FORMATS } from '../shared/worker-messages.js';

/** A format we write, or read (HEIC: read only, but a download saves it under its name). */
type NamedFormat = (typeof DECODABLE_FORMATS)[number];

/** Extension spellings (lower case, with the dot) that belong to each format we read or write. */
const EXTENSIONS_BY_FORMAT: Readonly<Record<NamedFormat, readonly string[]>> = {
  jpeg: ['.jpg', '.jpeg', '.jpe', '.jfif'],
  png: ['.png'],
  webp: ['.webp'],
  avif: ['.avif'],
  gif: ['.gif'],
  tiff: ['.tif', '.tiff'],
  heif: ['.heic', '.heif', '.hif'],
  jxl: ['.jxl'],
};

/** The extension we give a new file of each format. */
export const CANONICAL_EXTENSION: Readonly<Record<NamedFormat, string>> = {
  jpeg: '.jpg',
  png: '.png',
  webp: '.webp',
  avif: '.avif',
  gif: '.gif',
  tiff: '.tif',
  heif: '.heic',
  jxl: '.jxl',
};

/** Camera raw files: pictures, but not ones a batch resize should decode (TIFF-like previews). */
const CAMERA_RAW_EXTENSIONS = new Set([
  '.arw',
  '.cr2',
  '.cr3',
  '.crw',
  '.dng',
  '.erf',
  '.kdc',
  '.mrw',
  '.nef',
  '.nrw',
  '.orf',
  '.pef',
  '.raf',
  '.raw',
  '.rw2',
  '.rwl',
  '.sr2',
  '.srf',
  '.srw',
  '.x3f',
]);

/** Raster picture names, including formats we recognise but cannot read. */
const PICTURE_EXTENSIONS = new Set([
  ...Object.values(EXTENSIONS_BY_FORMAT).flat(),
  '.jp2',
  '.j2k',
  '.jpf',
  '.jpx',
  '.bmp',
  '.dib',
  '.psd',
  ...CAMERA_RAW_EXTENSIONS,
]);

/** Files cameras and photo tools keep beside pictures; never pictures themselves. */
const SIDECAR_EXTENSIONS = new Set(['.xmp', '.aae', '.thm', '.pp3', '.dop', '.on1', '.lrv']);

/** Well-known clutter that operating systems drop into folders, with what to call it. */
const SYSTEM_FILES: ReadonlyMap<string, string> = new Map([
  ['.ds_store', 'macOS folder settings'],
  ['thumbs.db', 'Windows thumbnail cache'],
  ['ehthumbs.db', 'Windows thumbnail cache'],
  ['ehthumbs_vista.db', 'Windows thumbnail cache'],
  ['desktop.ini', 'Windows folder settings'],
  ['icon\r', 'macOS folder icon'],
]);

/** Folders that hold system or thumbnail data, never the user's photos. */
const SYSTEM_FOLDERS = new Set([
  '$recycle.bin',
  'system volume information',
  '@eadir', // Synology thumbnails
  '__macosx', // left by unzipping on macOS
]);

/** The extension in lower case with its dot, or '' (a leading dot alone is not an extension). */
export function lowerExtension(name: string): string {
  return extname(name).toLowerCase();
}

/** True when the name says "picture" (so content that is not one is a failure, not a skip). */
export function claimsToBePicture(name: string): boolean {
  return PICTURE_EXTENSIONS.has(lowerExtension(name));
}

/**
 * Formats whose names are trusted until the worker reads the file: the everyday photo and web
 * formats. TIFF is left out on purpose: camera raw files are TIFF inside and are told apart by
 * their bytes, so a TIFF is always looked at by the scanner.
 */
const TRUSTED_NAME_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif'] as const;

/**
 * The format a file's name claims, for the formats whose names are trusted until the worker
 * checks the bytes it reads anyway; null when the scanner should look at the content itself.
 */
export function formatClaimedByName(name: string): (typeof TRUSTED_NAME_FORMATS)[number] | null {
  const extension = lowerExtension(name);
  return TRUSTED_NAME_FORMATS.find((f) => EXTENSIONS_BY_FORMAT[f].includes(extension)) ?? null;
}

/** True when the name is a camera raw file (recognised, deliberately not processed). */
export function isCameraRawName(name: string): boolean {
  return CAMERA_RAW_EXTENSIONS.has(lowerExtension(name));
}

/** True when `extension` (any case) is one of the spellings of `format`, e.g. `.JPEG` for jpeg. */
export function extensionMatchesFormat(extension: string, format: NamedFormat): boolean {
  return EXTENSIONS_BY_FORMAT[format].includes(extension.toLowerCase());
}

/**
 * Why a file is skipped without reading it, from its name alone, or null when its content must
 * decide. Reading `.DS_Store` or an AppleDouble `._x.jpg` would only produce noise.
 */
export function skipReasonForFileName(name: string): string | null {
  const known = SYSTEM_FILES.get(name.toLowerCase());
  if (known) return `${known}, not an image`;
  if (name.startsWith('._')) return 'macOS metadata file (AppleDouble), not an image';
  if (name.startsWith('.')) return 'hidden file, skipped';
  const extension = lowerExtension(name);
  if (SIDECAR_EXTENSIONS.has(extension)) return `sidecar file (${extension}), not an image`;
  return null;
}

/** Why a folder inside an input is not entered, or null to scan it. */
export function skipReasonForFolderName(name: string): string | null {
  if (name.startsWith('.')) return 'hidden folder, not scanned';
  if (SYSTEM_FOLDERS.has(name.toLowerCase())) return 'system folder, not scanned';
  return null;
}
