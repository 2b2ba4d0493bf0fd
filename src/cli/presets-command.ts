/**
 * `photobatch presets`: lists the presets (built in and the user's), saves one from process
 * options, renames, deletes, exports to and imports from the JSON file the window reads and
 * writes too (src/shared/presets.ts). The user's presets live in the store the app shares.
 */
import { readFile } from 'node:fs/promises';
import { PresetError } from '../db/preset-store.js';
import { describeFsError } from '../engine/fs-error-words.js';
import type { RunStore } from '../db/run-store.js';
import { presetSettingsOf } from '../shared/presets.js';
import { exportPresetsText, importPresetsText } from '../engine/preset-commands.js';
import { CliUsageError, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { formatTable } from './format-table.js';
import { openStore } from './open-store.js';
import { parseCommandLine } from './parse-command-line.js';
import { PROCESS_OPTIONS, processSettingsFrom } from './process-options.js';
import { presetFromOption } from './preset-option.js';
import { terminalText } from './terminal-text.js';
import { PRESETS_USAGE } from './usage.js';
import { writeNewFile } from './write-new-file.js';

const { out: _out, label: _label, ...SAVE_OPTIONS } = PROCESS_OPTIONS;

const OPTIONS = {
  ...SAVE_OPTIONS,
  replace: { type: 'boolean' },
  force: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
} as const;

/** Runs the command; returns the exit status. */
export async function presetsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS);
  if (values.help) {
    io.stdout.write(`${PRESETS_USAGE}\n`);
    return 0;
  }
  const [action = 'list', ...names] = positionals;
  const store = openStore(io, values.db);
  try {
    switch (action) {
      case 'list':
        return list(store, io, values.json === true, names);
      case 'save': {
        const name = one(names, 'save NAME [process options]');
        // Saved from the options as given (on top of --preset, if any): a recipe, not a machine.
        const settings = processSettingsFrom(
          values,
          await presetFromOption(values.preset, io, values.db),
        );
        const saved = refusals(() =>
          store.presets.save(name, presetSettingsOf(settings), values.replace === true),
        );
        io.stdout.write(`saved preset "${terminalText(saved.name)}": ${saved.description}\n`);
        return 0;
      }
      case 'rename': {
        if (names.length !== 2)
          throw new CliUsageError('name the preset and its new name: presets rename OLD NEW');
        const renamed = refusals(() => store.presets.rename(names[0]!, names[1]!));
        io.stdout.write(
          `renamed preset "${terminalText(names[0]!)}" to "${terminalText(renamed.name)}"\n`,
        );
        return 0;
      }
      case 'delete': {
        const name = one(names, 'delete NAME');
        refusals(() => store.presets.delete(name));
        io.stdout.write(`deleted preset "${terminalText(name.trim())}"\n`);
        return 0;
      }
      case 'export':
        return await exportPresets(store, io, names, values.out, values.force === true);
      case 'import':
        return await importPresets(store, io, one(names, 'import FILE'), values.replace === true);
      default:
        throw new CliUsageError(
          `unknown presets action "${action}": use list, save, rename, delete, export or import`,
        );
    }
  } finally {
    store.close();
  }
}

function one(names: string[], usage: string): string {
  if (names.length !== 1) throw new CliUsageError(`name one preset: presets ${usage}`);
  return names[0]!;
}

/** A preset the store refuses is bad input (exit 2), said as the store says it. */
function refusals<T>(act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (error instanceof PresetError) throw new CliUsageError(error.message);
    throw error;
  }
}

function list(store: RunStore, io: CliIo, json: boolean, names: string[]): number {
  if (names.length > 0)
    throw new CliUsageError('presets list takes no names (try presets export NAME)');
  const presets = store.presets.list();
  if (json) {
    printJson(io, { presets });
    return 0;
  }
  const rows = presets.map((p) => [
    terminalText(p.name),
    p.builtIn ? 'built in' : 'yours',
    terminalText(p.description),
  ]);
  io.stdout.write(formatTable(['preset', 'kind', 'makes'], rows, 'words'));
  return 0;
}

async function exportPresets(
  store: RunStore,
  io: CliIo,
  names: string[],
  out: string | undefined,
  force: boolean,
): Promise<number> {
  const file = exportPresetsText(store, names.length ? names : undefined);
  if ('missing' in file) throw new CliUsageError(`there is no preset named "${file.missing}"`);
  if (out === undefined || out === '-') {
    io.stdout.write(file.text);
    return 0;
  }
  const written = await writeNewFile(out, file.text, force);
  io.stderr.write(`exported ${file.count} preset${file.count === 1 ? '' : 's'} to ${written}\n`);
  return 0;
}

async function importPresets(
  store: RunStore,
  io: CliIo,
  file: string,
  replace: boolean,
): Promise<number> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${file}: cannot be read (${describeFsError(error)})`);
  }
  const done = importPresetsText(store, text, replace);
  if ('problem' in done) throw new CliUsageError(`${file}: ${done.problem}`);
  io.stdout.write(
    `imported ${done.imported.length} preset${done.imported.length === 1 ? '' : 's'}` +
      (done.imported.length ? `: ${done.imported.map((n) => terminalText(n)).join(', ')}` : '') +
      '\n',
  );
  for (const skipped of done.skipped)
    io.stdout.write(
      `  kept as it was: "${terminalText(skipped.name)}" (${skipped.reason}${skipped.yours ? '; --replace replaces it' : ''})\n`,
    );
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
