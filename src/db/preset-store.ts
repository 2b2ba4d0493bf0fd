/**
 * The user's presets in the store (schema 10), beside the built-in ones of src/shared/presets.ts,
 * which cannot be changed, deleted or shadowed. Rows are read leniently: a preset saved by a
 * newer build keeps what this one knows, and one holding a value its rules refuse is left out.
 * Names are unique whatever their case. Part of `RunStore` (its `presets`), on the same
 * connection. Refusals are `PresetError`s, in words.
 */
import type { Database } from 'better-sqlite3';
import {
  BUILT_IN_PRESETS,
  builtInPreset,
  describedPreset,
  presetNameSchema,
  presetSettingsSchema,
  samePresetName,
  storedPresetSettingsSchema,
} from '../shared/presets.js';
import type { Preset, PresetImport, PresetSettings } from '../shared/presets.js';

/** A preset the store will not save, rename or delete, with the reason for the user. */
export class PresetError extends Error {
  override readonly name = 'PresetError';
}

interface PresetRow {
  id: number;
  name: string;
  settings_json: string;
}

/** The user's presets on the store's connection. */
export class PresetStore {
  private readonly sql;
  private readonly importTx;

  constructor(db: Database) {
    this.sql = {
      list: db.prepare<[], PresetRow>(`SELECT * FROM presets ORDER BY name COLLATE NOCASE`),
      get: db.prepare<[string], PresetRow>(`SELECT * FROM presets WHERE name = ?`),
      insert: db.prepare<[string, string, string, string]>(
        `INSERT INTO presets (name, settings_json, created_at, updated_at) VALUES (?, ?, ?, ?)`,
      ),
      update: db.prepare<[string, string, string, number]>(
        `UPDATE presets SET name = ?, settings_json = ?, updated_at = ? WHERE id = ?`,
      ),
      rename: db.prepare<[string, string, number]>(
        `UPDATE presets SET name = ?, updated_at = ? WHERE id = ?`,
      ),
      delete: db.prepare<[number]>(`DELETE FROM presets WHERE id = ?`),
    };
    this.importTx = db.transaction(
      (presets: readonly { name: string; settings: PresetSettings }[], replace: boolean) => {
        const done: PresetImport = { imported: [], skipped: [] };
        for (const preset of presets) {
          if (builtInPreset(preset.name)) {
            done.skipped.push({
              name: preset.name,
              reason: 'a built-in preset has that name',
              yours: false,
            });
          } else if (this.sql.get.get(preset.name) && !replace) {
            done.skipped.push({
              name: preset.name,
              reason: 'you have a preset of that name',
              yours: true,
            });
          } else {
            this.write(preset.name, preset.settings, true);
            done.imported.push(preset.name);
          }
        }
        return done;
      },
    );
  }

  /** Built-in presets first (in their order), then the user's by name. */
  list(): Preset[] {
    const own = this.sql.list.all().flatMap((row) => {
      const preset = this.fromRow(row);
      return preset ? [preset] : [];
    });
    return [...BUILT_IN_PRESETS, ...own];
  }

  /** The preset called `name` (any case), built in or the user's, or null. */
  find(name: string): Preset | null {
    const builtIn = builtInPreset(name);
    if (builtIn) return builtIn;
    const row = this.sql.get.get(name.trim());
    return row ? this.fromRow(row) : null;
  }

  /**
   * Saves `settings` as the user's preset `name`. A name taken by a built-in is refused; one of
   * the user's is replaced only with `replace`.
   */
  save(name: string, settings: PresetSettings, replace = false): Preset {
    const checked = this.newName(name);
    const valid = presetSettingsSchema.parse(settings);
    if (this.sql.get.get(checked) && !replace)
      throw new PresetError(
        `you have a preset named "${checked}": choose another name, or replace it`,
      );
    this.write(checked, valid, replace);
    return describedPreset(checked, valid, false);
  }

  /** Renames the user's preset `from` to `to`. */
  rename(from: string, to: string): Preset {
    const row = this.ownRow(from, 'renamed');
    const checked = this.newName(to);
    const other = this.sql.get.get(checked);
    if (other && other.id !== row.id)
      throw new PresetError(`you have a preset named "${other.name}" already: choose another name`);
    this.sql.rename.run(checked, new Date().toISOString(), row.id);
    return this.fromRow({ ...row, name: checked })!;
  }

  /** Deletes the user's preset `name`. */
  delete(name: string): void {
    this.sql.delete.run(this.ownRow(name, 'deleted').id);
  }

  /** Saves every preset of an import file in one transaction (see PresetImport). */
  importPresets(
    presets: readonly { name: string; settings: PresetSettings }[],
    replace = false,
  ): PresetImport {
    return this.importTx.immediate(presets, replace);
  }

  private write(name: string, settings: PresetSettings, replace: boolean): void {
    const now = new Date().toISOString();
    const json = JSON.stringify(settings);
    const existing = this.sql.get.get(name);
    if (existing && replace) this.sql.update.run(name, json, now, existing.id);
    else this.sql.insert.run(name, json, now, now);
  }

  private newName(name: string): string {
    const parsed = presetNameSchema.safeParse(name);
    if (!parsed.success) throw new PresetError(parsed.error.issues[0]!.message);
    const builtIn = builtInPreset(parsed.data);
    if (builtIn)
      throw new PresetError(`"${builtIn.name}" is a built-in preset: choose another name`);
    return parsed.data;
  }

  private ownRow(name: string, what: 'renamed' | 'deleted'): PresetRow {
    const builtIn = builtInPreset(name);
    if (builtIn) throw new PresetError(`"${builtIn.name}" is built in and cannot be ${what}`);
    const row = this.sql.get.get(name.trim());
    if (!row) throw new PresetError(`there is no preset named "${name.trim()}"`);
    return row;
  }

  private fromRow(row: PresetRow): Preset | null {
    let json: unknown;
    try {
      json = JSON.parse(row.settings_json);
    } catch {
      return null;
    }
    const settings = storedPresetSettingsSchema.safeParse(json);
    if (!settings.success || BUILT_IN_PRESETS.some((p) => samePresetName(p.name, row.name)))
      return null;
    return describedPreset(row.name, settings.data, false);
  }
}
