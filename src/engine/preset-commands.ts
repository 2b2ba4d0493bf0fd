/**
 * The window's preset commands (`presets:*`) on the store's presets: what the store refuses, or an
 * import file it cannot read, comes back as a CommandFailure in the same words the CLI prints.
 */
import type { RunStore } from '../db/run-store.js';
import { PresetError } from '../db/preset-store.js';
import type { CommandResults } from '../shared/contract.js';
import type { PresetSettings } from '../shared/presets.js';
import { presetsFileText, readPresetsFile } from '../shared/presets.js';

/** The file name an export suggests. */
export const PRESETS_FILE_NAME = 'photobatch-presets.json';

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
      const read = readPresetsFile(input.text);
      if ('problem' in read) throw failure(`That file cannot be imported: ${read.problem}.`);
      const done = store.presets.importPresets(read.presets, input.replace === true);
      return { ...done, presets: presets() };
    },
    async 'presets:export'(input: {
      names?: string[] | undefined;
    }): Promise<CommandResults['presets:export']> {
      const chosen = input.names
        ? input.names.map((name) => {
            const found = store.presets.find(name);
            if (!found) throw failure(`There is no preset named "${name.trim()}".`);
            return found;
          })
        : presets().filter((p) => !p.builtIn);
      return { fileName: PRESETS_FILE_NAME, text: presetsFileText(chosen), count: chosen.length };
    },
  };
}
