/** The `photobatch` command line: routes to a command and turns errors into exit statuses. */
import { CliUsageError, EXIT } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from '../engine/usage-error.js';
import { downloadCommand } from './download-command.js';
import { compareCommand, runsCommand, showCommand } from './history-commands.js';
import { processCommand, PROCESS_USAGE } from './process-command.js';
import { resumeCommand } from './resume-command.js';
import { serveCommand } from './serve-command.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  process: processCommand,
  download: downloadCommand,
  resume: resumeCommand,
  runs: runsCommand,
  show: showCommand,
  compare: compareCommand,
  serve: serveCommand,
};

const USAGE = `Usage:
  ${PROCESS_USAGE}
  photobatch download <urls-file|-> --out DIR [--concurrency N] [--retries N] [--timeout SECONDS]
      [--max-bytes N] [--process + any process option] [--label TEXT] [--json]
  photobatch resume <run-id>
  photobatch runs [--limit N] [--kind process|download] [--status S] [--json]
  photobatch show <run-id> [--json]
  photobatch compare <run-id> <run-id>... [--json]
  photobatch serve [--port N]
Global: --db PATH (or PHOTOBATCH_DB)
Exit status: 0 all ok, 1 some items failed, 2 bad usage, 130 cancelled.
`;

/** Registers a command (used by shells that live in their own modules). */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

/** Runs the CLI; returns the exit status. */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`photobatch: unknown command "${name}" (try: photobatch --help)\n`);
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof UsageError) {
      io.stderr.write(`photobatch ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`photobatch ${name}: ${message}\n`);
    return EXIT.itemsFailed;
  }
}
