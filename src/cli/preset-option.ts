/**
 * `--preset NAME` of the process options: a built-in preset, or one of the user's from the store
 * (`--db`), applied before the other options, which then change what they name.
 */
import { builtInPreset } from '../shared/presets.js';
import type { PresetSettings } from '../shared/presets.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';

/**
 * The settings of preset `name`, or null when no preset is asked for; unknown: CliUsageError.
 * The store is loaded only for a preset of the user's: `process` forks its workers after this.
 */
export async function presetFromOption(
  name: string | undefined,
  io: CliIo,
  dbFlag: string | undefined,
): Promise<PresetSettings | null> {
  if (name === undefined) return null;
  const builtIn = builtInPreset(name);
  if (builtIn) return builtIn.settings;
  const { openStore } = await import('./open-store.js');
  const store = openStore(io, dbFlag);
  try {
    const found = store.presets.find(name);
    if (found) return found.settings;
    const names = store.presets.list().map((p) => p.name);
    throw new CliUsageError(
      `--preset: there is no preset named "${name.trim()}"; there are: ${names.join(', ')} (photobatch presets lists them)`,
    );
  } finally {
    store.close();
  }
}
