/**
 * JPEG XL test files made with Debian's cjxl (libjxl-tools, installed by
 * scripts/ensure-system-packages.mjs). From a JPEG, cjxl recompresses it losslessly by default
 * and keeps its EXIF in the container's Exif box; `lossy` re-encodes the pixels (distance 1).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const CJXL = '/usr/bin/cjxl';

/** Encodes `source` (JPEG or PNG) into the JPEG XL file `out`. */
export async function writeJxl(out: string, source: string, lossy = false): Promise<string> {
  if (!existsSync(CJXL)) {
    throw new Error(
      `${CJXL} is missing: install Debian's libjxl-tools (node scripts/ensure-system-packages.mjs)`,
    );
  }
  const mode = lossy ? ['-d', '1', '--lossless_jpeg=0'] : ['--lossless_jpeg=1'];
  await promisify(execFile)(CJXL, [...mode, '--quiet', source, out]);
  return out;
}
