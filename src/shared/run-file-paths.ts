/**
 * Where a run's images and results are read from, the same for the web shell (HTTP, with the
 * token) and the desktop window (the app:// protocol): `/files/<runId>/<seq>/<input|output>`
 * (add `?download=1` to save it) and `/files/<runId>/results.zip`. Only ids travel: the path on
 * disk is always looked up from the store (src/engine/run-files.ts).
 */

/** Which file of an item: what it read, or what it wrote. */
export const FILE_SIDES = ['input', 'output'] as const;
/** Which file of an item. */
export type FileSide = (typeof FILE_SIDES)[number];

/** The prefix of every run file's path. */
export const RUN_FILES_PREFIX = '/files/';

/** The path of an item's input or output; `download` asks for it as an attachment. */
export function runFilePath(runId: number, seq: number, side: FileSide, download = false): string {
  return `${RUN_FILES_PREFIX}${runId}/${seq}/${side}${download ? '?download=1' : ''}`;
}

/** The path of a run's outputs as one zip. */
export function resultsZipPath(runId: number): string {
  return `${RUN_FILES_PREFIX}${runId}/results.zip`;
}

/** What a run-file path asks for, or null when it is not one (then: 404). */
export type RunFileRequest =
  { kind: 'file'; runId: number; seq: number; side: FileSide } | { kind: 'zip'; runId: number };

function id(text: string | undefined, min: number): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

/** Reads a URL's pathname (not decoded: ids and sides are plain ASCII). */
export function parseRunFilePath(pathname: string): RunFileRequest | null {
  if (!pathname.startsWith(RUN_FILES_PREFIX)) return null;
  const parts = pathname.slice(RUN_FILES_PREFIX.length).split('/');
  const runId = id(parts[0], 1);
  if (runId === null) return null;
  if (parts.length === 2 && parts[1] === 'results.zip') return { kind: 'zip', runId };
  if (parts.length !== 3) return null;
  const seq = id(parts[1], 0);
  const side = parts[2];
  if (seq === null || (side !== 'input' && side !== 'output')) return null;
  return { kind: 'file', runId, seq, side };
}

/** A file name's extension, lower case, with its dot: "photo.JPG" → ".jpg"; "" when none. */
function extensionOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
};

/** A file's type from its name; anything else is bytes (and nosniff keeps it so). */
export function contentTypeOf(file: string): string {
  return IMAGE_TYPES[extensionOf(file)] ?? 'application/octet-stream';
}

/** `Content-Disposition` for saving `name`: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
