/**
 * The `photobatch` command line: routes to a command and turns errors into exit statuses. Each
 * command's module is loaded only when it is the one asked for, so `photobatch runs` never loads
 * the engine, the worker pool or the web shell.
 */
import { CliUsageError, EXIT } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { USAGE } from './usage.js';
import { terminalText } from './terminal-text.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  process: async () => (await import('./process-command.js')).processCommand,
  download: async () => (await import('./download-command.js')).downloadCommand,
  resume: async () => (await import('./resume-command.js')).resumeCommand,
  runs: async () => (await import('./history-commands.js')).runsCommand,
  show: async () => (await import('./history-commands.js')).showCommand,
  compare: async () => (await import('./history-commands.js')).compareCommand,
  sweep: async () => (await import('./sweep-command.js')).sweepCommand,
  estimate: async () => (await import('./estimate-command.js')).estimateCommand,
  presets: async () => (await import('./presets-command.js')).presetsCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  worker: async () => (await import('./worker-command.js')).workerCommand,
  version: async () => (await import('./version-command.js')).versionCommand,
};

/** Spellings of a command that people type from habit. */
const ALIASES: Record<string, string> = { '--version': 'version', '-V': 'version' };

/** Runs the CLI; returns the exit status. Never throws. */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const [given, ...rest] = argv;
  const name = given !== undefined && Object.hasOwn(ALIASES, given) ? ALIASES[given] : given;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(
      `photobatch: unknown command "${terminalText(name)}" (try: photobatch --help)\n`,
    );
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    const usage = error instanceof CliUsageError || (error as Error | null)?.name === 'UsageError';
    const message = await describeError(error, rest, io);
    io.stderr.write(`photobatch ${name}: ${terminalText(message)}\n`);
    if (io.env.PHOTOBATCH_DEBUG === '1' && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return usage ? EXIT.usage : EXIT.itemsFailed;
  }
}

/** One line for an error: the database's own errors name the file and say what is wrong. */
async function describeError(error: unknown, args: string[], io: CliIo): Promise<string> {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const [{ describeStoreError }, { resolveDbPath }] = await Promise.all([
      import('../db/store-errors.js'),
      import('../db/default-db-path.js'),
    ]);
    const at = args.indexOf('--db');
    const flag = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--db='))?.slice(5);
    return describeStoreError(error, resolveDbPath({ env: io.env, ...(flag ? { flag } : {}) }));
  }
  return error instanceof Error ? error.message : String(error);
}
