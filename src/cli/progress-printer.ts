/**
 * Progress on stderr: a live bar with count, rate and ETA on a terminal; plain periodic lines
 * otherwise (logs, CI). Failures are printed as they happen, naming the file or URL.
 */
import type { AppEvent, EventPayloads } from '../shared/contract.js';
import type { CliIo } from './cli-io.js';
import { formatBytes, formatDuration, formatRate } from '../shared/format-figures.js';
import { terminalText } from './terminal-text.js';

const PLAIN_EVERY_MS = 2000;

/** Returns an event listener that prints progress for one run. */
export function createProgressPrinter(
  io: CliIo,
  options: { quiet?: boolean } = {},
): (event: AppEvent) => void {
  const tty = io.stderr.isTTY === true;
  let lastPlain = -Infinity;
  let barShown = false;
  const clearBar = () => {
    if (barShown) io.stderr.write('\r\x1b[K');
    barShown = false;
  };
  // Download runs: bytes as they arrive (download:progress), so the bar moves during large files.
  let live: EventPayloads['download:progress'] | null = null;
  const describe = (p: EventPayloads['run:progress']) => {
    const done = p.ok + p.failed + p.skipped;
    // The engine's live `itemsPerSecond` (src/shared/run-figures.ts): ok or failed, per second.
    const rate = formatRate(p.itemsPerSecond, p.kind === 'download' ? 'files' : 'img');
    const speed = live && live.bytesPerSecond > 0 ? ` (${formatBytes(live.bytesPerSecond)}/s)` : '';
    const bytes =
      p.kind === 'download' ? ` · ${formatBytes(Math.max(p.bytes, live?.bytes ?? 0))}${speed}` : '';
    const failed = p.failed ? ` · ${p.failed} failed` : '';
    const eta = p.etaMs !== null && done < p.total ? ` · ETA ${formatDuration(p.etaMs)}` : '';
    return {
      done,
      text: `${done}/${p.total}${failed} · ${rate}${bytes} · ${formatDuration(p.elapsedMs)}${eta}`,
    };
  };
  return (event) => {
    if (options.quiet) return;
    switch (event.name) {
      case 'run:started':
        io.stderr.write(`run ${event.payload.run.id} (${event.payload.run.kind}) started\n`);
        return;
      case 'item:done':
        for (const item of event.payload.items) {
          if (item.status !== 'failed') continue;
          clearBar();
          io.stderr.write(
            `failed: ${terminalText(item.source)}: ${terminalText(item.error ?? 'unknown error')}\n`,
          );
        }
        return;
      case 'run:progress': {
        const { done, text } = describe(event.payload);
        if (tty) {
          const width = 24;
          const total = Math.max(1, event.payload.total);
          const filled = Math.round((Math.min(done, total) / total) * width);
          io.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
          barShown = true;
        } else if (event.payload.elapsedMs - lastPlain >= PLAIN_EVERY_MS) {
          lastPlain = event.payload.elapsedMs;
          io.stderr.write(`progress: ${text}\n`);
        }
        return;
      }
      case 'download:progress':
        live = event.payload;
        return;
      case 'run:finished': {
        clearBar();
        const s = event.payload.summary;
        io.stderr.write(
          `run ${s.runId} ${s.status}: ${s.items.ok} ok, ${s.items.failed} failed, ${s.items.skipped} skipped in ${formatDuration(s.wallMs)}\n`,
        );
        return;
      }
    }
  };
}
