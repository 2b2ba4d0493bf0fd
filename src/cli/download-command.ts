/** `photobatch download <urls-file|-> --out DIR [options] [--process + process options]` */
import { startDownloadRun } from '../engine/download/download-run.js';
import { forkHostFactory } from '../engine/fork-host.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { openStore } from './open-store.js';
import { DOWNLOAD_OPTIONS, downloadSettingsFrom } from './download-options.js';
import { parseCommandLine } from './parse-command-line.js';
import { PROCESS_OPTIONS, processSettingsFrom } from './process-options.js';
import { createProgressPrinter } from './progress-printer.js';
import { presetFromOption } from './preset-option.js';
import { runToEnd } from './run-until-done.js';
import { readUrlList } from './url-list-input.js';
import { DOWNLOAD_USAGE } from './usage.js';

/** Options that only mean something with --process (--existing is also the download folder's). */
const PROCESS_ONLY = Object.keys(PROCESS_OPTIONS).filter(
  (name) => name !== 'out' && name !== 'label' && name !== 'existing',
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
  const outDir = values.out;
  const settings = downloadSettingsFrom(values);
  const stray = PROCESS_ONLY.find((name) => values[name as keyof typeof values] !== undefined);
  if (stray && !values.process) throw new CliUsageError(`--${stray} only applies with --process`);
  const processSettings = values.process
    ? processSettingsFrom(values, await presetFromOption(values.preset, io, values.db))
    : null;
  const list = positionals[0]!;
  const { text, sourceName } = await readUrlList(list);

  const store = openStore(io, values.db);
  try {
    return await runToEnd(
      () =>
        startDownloadRun(
          {
            urlsText: text,
            sourceName,
            outDir,
            settings,
            process: processSettings,
            label: values.label ?? null,
          },
          { store, hostFactory: forkHostFactory, onEvent: createProgressPrinter(io) },
        ),
      io,
      values.json === true,
    );
  } finally {
    store.close();
  }
}
