/** What is on disk after a test: every file under a folder, relative, sorted (hidden temp files too). */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, relative to it, sorted; none if `dir` does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}
