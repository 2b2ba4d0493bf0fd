/** What a CLI command gets from the process, so commands are testable and the router is small. */

/** Exit statuses, as DESIGN.md promises scripts. */
export const EXIT = { ok: 0, itemsFailed: 1, usage: 2, cancelled: 130 } as const;

/** Streams and environment of one CLI invocation. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** A bad command line: printed as one line, exit 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** Writes one JSON object (the whole of stdout with --json). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
