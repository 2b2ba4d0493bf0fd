/**
 * Real photographs for tests, from Debian's mate-backgrounds (installed by .ci/run): copies
 * downscaled to a size that keeps tests quick, made once per machine and reused.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/** Where Debian's mate-backgrounds keeps its photographs. */
export const MATE_PHOTOS = '/usr/share/backgrounds/mate/nature';

/** The original photos (1920–2560 px wide); throws with a clear hint if the package is missing. */
export function originalPhotos(): string[] {
  if (!existsSync(MATE_PHOTOS)) {
    throw new Error(
      `${MATE_PHOTOS} is missing: install Debian's mate-backgrounds (apt-get install mate-backgrounds)`,
    );
  }
  return readdirSync(MATE_PHOTOS)
    .filter((n) => n.toLowerCase().endsWith('.jpg'))
    .sort()
    .map((n) => path.join(MATE_PHOTOS, n));
}

/** `count` real photos at most `maxSide` px, cached across test runs. */
export async function realPhotos(count: number, maxSide = 800): Promise<string[]> {
  const cache = path.join(os.tmpdir(), `photobatch-test-photos-${maxSide}`);
  mkdirSync(cache, { recursive: true });
  const originals = originalPhotos();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const original = originals[i % originals.length]!;
    const target = path.join(cache, `${path.basename(original, '.jpg')}.jpg`);
    if (!existsSync(target)) {
      const tmp = `${target}.${process.pid}.tmp`;
      await sharp(original)
        .resize(maxSide, maxSide, { fit: 'inside' })
        .jpeg({ quality: 90 })
        .toFile(tmp);
      await import('node:fs/promises').then((fs) => fs.rename(tmp, target));
    }
    out.push(target);
  }
  return out;
}

/** A fresh temp folder. */
export function tempDir(prefix = 'photobatch-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Copies `count` real photos into `dir` (names numbered so repeats don't collide). */
export async function folderOfPhotos(dir: string, count: number, maxSide = 800): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const photos = await realPhotos(Math.min(count, 12), maxSide);
  const written: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = path.join(dir, `photo-${String(i).padStart(3, '0')}.jpg`);
    await copyFile(photos[i % photos.length]!, target);
    written.push(target);
  }
  return written;
}
