/** `photobatch download <urls-file|-> --out DIR [options] [--process + process options]` */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_DOWNLOAD_SETTINGS } from '../shared/settings.js';
import type { DownloadSettings } from '../shared/settings.js';
import { startDownloadRun } from '../engine/download/download-run.js';
import { forkHostFactory } from '../engine/fork-host.js';
import { describeFsError, fsErrorCode } from '../engine/fs-error-words.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { openStore } from './open-store.js';
import { intOption, numberOption, parseCommandLine } from './parse-command-line.js';
import { PROCESS_OPTIONS, processSettingsFrom } from './process-options.js';
import { createProgressPrinter } from './progress-printer.js';
import { runUntilDone } from './run-until-done.js';

/** Usage text of `download`. */
export const DOWNLOAD_USAGE = `photobatch download <urls-file|-> --out DIR [--concurrency N] [--retries N]
    [--timeout SECONDS] [--max-bytes N[K|M|G]] [--max-redirects N] [--label TEXT] [--json] [--db PATH]
    [--process [--blur SIGMA] [--fit WxH] [--format F] [--quality Q] [--workers N] … any process option]
  One URL a line (blank lines and # comments ignored); "-" reads the list from standard input.
  With --process each file is processed as soon as it is saved, into DIR/processed.`;

/** parseArgs options of `download`: its own plus every process option (used with --process). */
const DOWNLOAD_OPTIONS = {
  ...PROCESS_OPTIONS,
  concurrency: { type: 'string' },
  retries: { type: 'string' },
  timeout: { type: 'string' },
  'max-bytes': { type: 'string' },
  'max-redirects': { type: 'string' },
  process: { type: 'boolean' },
} as const;

/** Options that only mean something with --process. */
const PROCESS_ONLY = Object.keys(PROCESS_OPTIONS).filter(
  (name) => name !== 'out' && name !== 'label',
);

/** Runs the command; returns the exit status. */
export async function downloadCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, DOWNLOAD_OPTIONS);
  if (values.help) {
    io.stdout.write(`${DOWNLOAD_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CliUsageError(
      'name one file with one URL a line, or - to read the list from standard input',
    );
  }
  if (!values.out)
    throw new CliUsageError('--out DIR is required (where the downloaded images go)');
  const settings = downloadSettingsFrom(values);
  const stray = PROCESS_ONLY.find((name) => values[name as keyof typeof values] !== undefined);
  if (stray && !values.process) throw new CliUsageError(`--${stray} only applies with --process`);
  const processSettings = values.process ? processSettingsFrom(values) : null;
  const list = positionals[0]!;
  const { text, sourceName } = await readUrlList(list);

  const store = openStore(io, values.db);
  try {
    const handle = await startDownloadRun(
      {
        urlsText: text,
        sourceName,
        outDir: values.out,
        settings,
        process: processSettings,
        label: values.label ?? null,
      },
      { store, hostFactory: forkHostFactory, onEvent: createProgressPrinter(io) },
    );
    return await runUntilDone(handle, io, values.json === true);
  } finally {
    store.close();
  }
}

/** Download settings from the options, on top of the defaults. */
function downloadSettingsFrom(values: {
  concurrency?: string;
  retries?: string;
  timeout?: string;
  'max-bytes'?: string;
  'max-redirects'?: string;
}): DownloadSettings {
  const settings = { ...DEFAULT_DOWNLOAD_SETTINGS };
  settings.concurrency =
    intOption('concurrency', values.concurrency, 1, 256) ?? settings.concurrency;
  settings.retries = intOption('retries', values.retries, 0, 20) ?? settings.retries;
  settings.maxRedirects =
    intOption('max-redirects', values['max-redirects'], 0, 50) ?? settings.maxRedirects;
  const timeout = numberOption('timeout', values.timeout, 0.1, 3600);
  if (timeout !== undefined) settings.timeoutMs = Math.round(timeout * 1000);
  if (values['max-bytes'] !== undefined) settings.maxBytes = parseByteCount(values['max-bytes']);
  return settings;
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `5000000`, `500K`, `50M`, `2G` (binary units, optional trailing B) → bytes. */
function parseByteCount(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(text);
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new CliUsageError(
      `--max-bytes must be a size such as 50000000, 500K or 50M, got "${text}"`,
    );
  }
  return bytes;
}

/** The list's text and what to call it in the run's history. */
async function readUrlList(list: string): Promise<{ text: string; sourceName: string }> {
  if (list === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), sourceName: 'standard input' };
  }
  const path = resolve(list);
  try {
    return { text: await readFile(path, 'utf8'), sourceName: path };
  } catch (error) {
    const why = fsErrorCode(error) === 'ENOENT' ? 'there is no such file' : describeFsError(error);
    throw new CliUsageError(`${list}: the URL list could not be read (${why})`);
  }
}
