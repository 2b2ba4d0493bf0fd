/**
 * The window's preset commands (`presets:*`) on the store's presets: what the store refuses, or an
 * import file it cannot read, comes back as a CommandFailure in the same words the CLI prints.
 */
import type { RunStore } from '../db/run-store.js';
import { PresetError } from '../db/preset-store.js';
import type { CommandResults } from '../shared/contract.js';
import type { Preset, PresetImport, PresetSettings } from '../shared/presets.js';
import { presetsFileText, readPresetsFile } from '../shared/presets.js';

/** The file name an export suggests. */
export const PRESETS_FILE_NAME = 'photobatch-presets.json';

/**
 * Saves the presets of an export file's text (PresetStore.importPresets), or says why the text
 * is no presets file. The window's import and `photobatch presets import` both come here.
 */
export function importPresetsText(
  store: RunStore,
  text: string,
  replace: boolean,
): PresetImport | { problem: string } {
  const read = readPresetsFile(text);
  return 'problem' in read ? read : store.presets.importPresets(read.presets, replace);
}

/**
 * The export file of the presets named (any case; a name not found is `missing`), or of all the
 * user's when none are named. The window's export and `photobatch presets export` both come here.
 */
export function exportPresetsText(
  store: RunStore,
  names: readonly string[] | undefined,
): { text: string; count: number } | { missing: string } {
  const chosen: Preset[] = [];
  for (const name of names ?? []) {
    const found = store.presets.find(name);
    if (!found) return { missing: name.trim() };
    chosen.push(found);
  }
  if (!names) chosen.push(...store.presets.list().filter((p) => !p.builtIn));
  return { text: presetsFileText(chosen), count: chosen.length };
}

/** The `presets:*` handlers, given how a failure meant for the user is made. */
export function createPresetCommands(store: RunStore, failure: (message: string) => Error) {
  const refused = <T>(act: () => T): T => {
    try {
      return act();
    } catch (error) {
      throw error instanceof PresetError ? failure(error.message) : error;
    }
  };
  const presets = () => store.presets.list();
  return {
    async 'presets:list'(): Promise<CommandResults['presets:list']> {
      return { presets: presets() };
    },
    async 'presets:save'(input: {
      name: string;
      settings: PresetSettings;
      replace?: boolean | undefined;
    }): Promise<CommandResults['presets:save']> {
      const preset = refused(() =>
        store.presets.save(input.name, input.settings, input.replace === true),
      );
      return { preset, presets: presets() };
    },
    async 'presets:rename'(input: {
      from: string;
      to: string;
    }): Promise<CommandResults['presets:rename']> {
      const preset = refused(() => store.presets.rename(input.from, input.to));
      return { preset, presets: presets() };
    },
    async 'presets:delete'(input: { name: string }): Promise<CommandResults['presets:delete']> {
      refused(() => store.presets.delete(input.name));
      return { presets: presets() };
    },
    async 'presets:import'(input: {
      text: string;
      replace?: boolean | undefined;
    }): Promise<CommandResults['presets:import']> {
      const done = importPresetsText(store, input.text, input.replace === true);
      if ('problem' in done) throw failure(`That file cannot be imported: ${done.problem}.`);
      return { ...done, presets: presets() };
    },
    async 'presets:export'(input: {
      names?: string[] | undefined;
    }): Promise<CommandResults['presets:export']> {
      const file = exportPresetsText(store, input.names);
      if ('missing' in file) throw failure(`There is no preset named "${file.missing}".`);
      return { fileName: PRESETS_FILE_NAME, ...file };
    },
  };
}
