/**
 * Turns a relative path sent by a browser (a dropped or picked folder's tree) into a safe one:
 * each segment sanitised on its own, `.`/`..`/empty segments dropped, so the tree is kept and no
 * name can climb out of the upload's folder or be refused by Windows, macOS or Linux.
 */

/** Longest segment kept, in UTF-8 bytes (most file systems allow 255). */
const MAX_SEGMENT_BYTES = 200;
/** Deepest tree kept; deeper segments are folded into the last folder. */
const MAX_DEPTH = 32;

// Control characters and the characters Windows forbids in names (and both separators).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Cuts a name to `max` UTF-8 bytes, keeping its extension and never splitting a character. */
function truncate(name: string, max: number): string {
  if (Buffer.byteLength(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, name.length - ext.length);
  while (Buffer.byteLength(stem + ext) > max && stem.length > 0)
    stem = Array.from(stem).slice(0, -1).join('');
  return stem + ext;
}

/** One segment made safe; empty when nothing usable is left (the segment is then dropped). */
export function sanitizeSegment(raw: string): string {
  let name = raw.normalize('NFC').replace(FORBIDDEN, '_');
  // Windows drops trailing dots and spaces, which would let `a.` and `a` collide or `..` reappear.
  name = name.replace(/[. ]+$/, '').replace(/^ +/, '');
  if (name === '' || name === '.' || name === '..') return '';
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return truncate(name, MAX_SEGMENT_BYTES);
}

/**
 * The safe relative path's segments (at least one: the file name). Separators may be `/` or `\`.
 * `a/../../b.jpg` → [`a`, `b.jpg`]; `../../etc/passwd` → [`etc`, `passwd`].
 */
export function sanitizeRelativePath(raw: string): string[] {
  const segments = raw
    .split(/[/\\]+/)
    .filter((s) => s !== '.' && s !== '..')
    .map(sanitizeSegment)
    .filter((s) => s !== '');
  if (segments.length === 0) return ['file'];
  if (segments.length > MAX_DEPTH) {
    const file = segments[segments.length - 1]!;
    return [...segments.slice(0, MAX_DEPTH - 1), file];
  }
  return segments;
}

/** Candidate names for a file whose name is taken: `a.jpg`, `a (2).jpg`, `a (3).jpg`… */
export function* uniqueNames(name: string): Generator<string> {
  yield name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; ; n++) yield `${stem} (${n})${ext}`;
}
