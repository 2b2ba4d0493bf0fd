/**
 * Where the built window is: `out/renderer` in the project (or installed package) folder. Found by
 * walking up from this module, which runs from `src/web` under tsx and from `out/node/web` built.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Photobatch's package.json. */
export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && isPhotobatch(manifest)) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`Photobatch's package.json was not found above ${from}`);
  }
}

function isPhotobatch(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'photobatch';
  } catch {
    return false;
  }
}

/** The built renderer that electron-vite writes. */
export function builtRendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}
