/** `photobatch serve [--port N]`: the desktop window's UI in a browser, on 127.0.0.1. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDbPath } from '../db/default-db-path.js';
import { startWebShell } from '../web/web-shell.js';
import { builtRendererDir } from '../web/renderer-dir.js';
import type { CliIo } from './cli-io.js';
import { EXIT, printJson } from './cli-io.js';
import { keepServingOnLastResort } from './last-resort.js';
import { intOption, parseCommandLine } from './parse-command-line.js';
import { SERVE_USAGE } from './usage.js';

/**
 * Serves until SIGINT or SIGTERM, then cancels runs still going (stored as cancelled), closes
 * and returns 0. Prints the URL with its token on stdout (with --json: `{ url, port }`).
 */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { port: { type: 'string' } });
  if (values.help) {
    io.stdout.write(`Usage: ${SERVE_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) {
    io.stderr.write(
      `photobatch serve: unexpected argument "${positionals[0]}" (usage: ${SERVE_USAGE})\n`,
    );
    return EXIT.usage;
  }
  const port = intOption('port', values.port, 1, 65_535) ?? 0;
  const dbPath = resolveDbPath({ env: io.env, ...(values.db ? { flag: values.db } : {}) });
  // The data folder is the database's folder: uploads and downloads sit beside the history.
  const dataDir = path.dirname(dbPath);

  const rendererDir = builtRendererDir();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    io.stderr.write(
      'photobatch serve: the window is not built yet, so the page will say so; run `npm run build` in the project folder.\n',
    );
  }
  let shell;
  try {
    shell = await startWebShell({ port, dbPath, dataDir, rendererDir });
  } catch (error) {
    io.stderr.write(
      `photobatch serve: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.usage;
  }
  // From here an escaped exception fails the live runs and the shell goes on serving.
  keepServingOnLastResort();
  if (values.json) printJson(io, { url: shell.url, port: shell.port });
  else {
    io.stdout.write(`Photobatch web shell: ${shell.url}\n`);
    io.stderr.write('Open that address in a browser on this machine. Press Ctrl+C to stop.\n');
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // A second Ctrl+C while runs are being cancelled ends at once.
      process.once('SIGINT', () => process.exit(EXIT.cancelled));
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const running = shell.service.activeRuns();
  if (running.length > 0)
    io.stderr.write(`Cancelling ${running.length === 1 ? 'run' : 'runs'} ${running.join(', ')}…\n`);
  await shell.close();
  io.stderr.write('Photobatch web shell stopped.\n');
  return EXIT.ok;
}
