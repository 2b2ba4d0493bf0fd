/**
 * Where outputs go when the user chose no folder, and how a typed path is read. A photographer
 * expects the results next to the photos: `~/Pictures/trip` → `~/Pictures/trip-photobatch`.
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/** Suffix of the default output folder's name. */
export const OUTPUT_SUFFIX = '-photobatch';

/**
 * A path as a person typed it: `~` is the home folder, and a relative path is taken from the home
 * folder too, since a desktop app's or server's working folder means nothing to its user.
 */
export function resolveUserPath(typed: string, home: string = homedir()): string {
  const trimmed = typed.trim();
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\'))
    return path.resolve(home, trimmed.slice(2));
  return path.resolve(home, trimmed);
}

/**
 * The sibling `<name>-photobatch` of the first input: a folder keeps its name, a file loses its
 * extension (`IMG_1.jpg` → `IMG_1-photobatch`). An input at a filesystem root, which has no
 * sibling, gets a stamped folder under `fallbackDir` instead.
 */
export async function defaultOutDir(
  firstInput: string,
  fallbackDir: string,
  now: Date = new Date(),
): Promise<string> {
  const resolved = path.resolve(firstInput);
  const parsed = path.parse(resolved);
  const isFile = await stat(resolved).then(
    (s) => s.isFile(),
    () => false,
  );
  const name = isFile ? parsed.name : parsed.base;
  if (!name || resolved === parsed.root) return path.join(fallbackDir, `output-${stamp(now)}`);
  return path.join(parsed.dir, `${name}${OUTPUT_SUFFIX}`);
}

/** A sortable, file-name-safe local time: `2026-11-01-142233`. */
export function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
