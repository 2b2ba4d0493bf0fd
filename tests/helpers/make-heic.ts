/**
 * HEIC test files made with Debian's heif-enc (libheif-examples, installed by
 * scripts/ensure-system-packages.mjs): it copies the source's EXIF and ICC profile, and several
 * sources make one file of several images, the first of them primary.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const HEIF_ENC = '/usr/bin/heif-enc';

/** Encodes `sources` (JPEG or PNG) into the HEIC file `out`. */
export async function writeHeic(out: string, sources: string[], quality = 90): Promise<string> {
  if (!existsSync(HEIF_ENC)) {
    throw new Error(
      `${HEIF_ENC} is missing: install Debian's libheif-examples (node scripts/ensure-system-packages.mjs)`,
    );
  }
  await promisify(execFile)(HEIF_ENC, ['-q', String(quality), '-o', out, ...sources]);
  return out;
}
