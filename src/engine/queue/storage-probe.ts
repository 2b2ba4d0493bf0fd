/**
 * Proof that a machine sees the coordinator's storage: the coordinator writes a file with a
 * random token in the run's output folder; a worker reads it (through its `--map`) before its
 * first task of the run. A file of the same name elsewhere holds another token: no proof.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A written probe. */
export interface StorageProbe {
  path: string;
  token: string;
}

/** Writes the probe for run `runId` in `outDir` (which exists). */
export async function writeProbe(outDir: string, runId: number): Promise<StorageProbe> {
  const token = randomBytes(16).toString('hex');
  const path = join(outDir, `.photobatch-probe-r${runId}`);
  await writeFile(path, token, { mode: 0o644 });
  return { path, token };
}

/** Removes the probe (gone already is fine). */
export async function removeProbe(probe: StorageProbe): Promise<void> {
  await rm(probe.path, { force: true });
}

/** True when the file at `localPath` holds `token`. */
export async function probeMatches(localPath: string, token: string): Promise<boolean> {
  try {
    return (await readFile(localPath, 'utf8')) === token;
  } catch {
    return false;
  }
}
