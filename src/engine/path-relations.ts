/**
 * Comparing paths the way the strictest common file system would: case-insensitively and with
 * Unicode normalised, because macOS and Windows treat `Photo.JPG` and `photo.jpg` (and NFC/NFD
 * spellings of `é`) as the same file. Being strict only costs a reported clash on Linux.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** A key under which two paths the OS may treat as one file are equal. */
export function pathKey(path: string): string {
  return resolve(path).normalize('NFC').toLowerCase();
}

/**
 * The key where the output folder's file system is case-sensitive (probed): `Case.jpg` and
 * `case.jpg` are two files there. Unicode is still normalised, the stricter choice (APFS treats
 * NFC and NFD spellings as one name even when it is case-sensitive).
 */
export function exactPathKey(path: string): string {
  return resolve(path).normalize('NFC');
}

/** True when `path` is `parent` or lies inside it (compared by `pathKey`). */
export function isSamePathOrInside(path: string, parent: string): boolean {
  const rel = relative(pathKey(parent), pathKey(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
