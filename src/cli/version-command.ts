/** `photobatch --version` (also `-V` and `version`): Photobatch's version and Node's, one line. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../web/renderer-dir.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './cli-io.js';

/** The version in Photobatch's package.json. */
function photobatchVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/** Prints `photobatch <version> (node <version>)`. */
export async function versionCommand(_args: string[], io: CliIo): Promise<number> {
  io.stdout.write(`photobatch ${photobatchVersion()} (node ${process.version})\n`);
  return EXIT.ok;
}
