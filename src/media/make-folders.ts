/**
 * `mkdir -p`, bounded. Node's `mkdir(…, { recursive: true })` retries a parent that answers
 * ENOENT after it was found to exist, and /proc does exactly that, so it spun at 100% CPU there;
 * here each missing folder is made once, parents first, and the first refusal is thrown. Shared
 * by the engine (the output folder, before a run is stored) and the worker (its subfolders).
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A folder could not be made; `path` is the part of the path that refused (or is a file). */
export class MakeFoldersError extends Error {
  override name = 'MakeFoldersError';
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
  ) {
    super(message);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** Makes `dir` and its missing parents; one system call per missing folder, never a retry. */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  // Up to the nearest folder that exists: at most one step per path component.
  for (let at = resolve(dir); ;) {
    const found = await stat(at).catch((error: unknown) => error as Error);
    if (!(found instanceof Error)) {
      if (!found.isDirectory())
        throw new MakeFoldersError(`${at} is a file, not a folder`, 'ENOTDIR', at);
      break;
    }
    // ENOTDIR: a parent is a file; walking up finds which one, so the message can name it.
    if (codeOf(found) !== 'ENOENT' && codeOf(found) !== 'ENOTDIR')
      throw new MakeFoldersError(found.message, codeOf(found), at);
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      // Another worker or run made it in the meantime: that is what we wanted.
      if (codeOf(error) === 'EEXIST' && (await stat(folder).catch(() => null))?.isDirectory())
        continue;
      throw new MakeFoldersError((error as Error).message, codeOf(error), folder);
    }
  }
}
