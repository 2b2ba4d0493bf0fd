/**
 * Section 4 (issue 4's bench): downloads are I/O-bound, so what matters is how close to the
 * latency-bound ideal each concurrency level gets, against curl and the tutorial's Python
 * downloader; then whether `download --process` overlaps fetching with processing.
 * Runs only when the build has `photobatch download`; this checkout's build only (no baseline rows).
 */
import { largePhotos, webPhoto } from '../bench-data.js';
import { hasDownloadCommand } from '../photobatch-cli.js';
import { printTable } from '../report.js';
import { concurrencyTables } from './download-concurrency.js';
import { overlapTables } from './download-overlap.js';
import { startServer } from './latency-server-process.js';

/** Runs section 4 and prints its tables. */
export async function downloadsSection(rounds: number): Promise<void> {
  if (!(await hasDownloadCommand())) {
    printTable('4. Downloads', ['result'], [['skipped: photobatch download not available']]);
    return;
  }
  const small = await webPhoto();
  const large = await largePhotos();
  const server = await startServer(small, large.dir);
  try {
    await concurrencyTables(server);
    await overlapTables(server, large.dir, large.files.length, rounds);
  } finally {
    server.stop();
  }
}
