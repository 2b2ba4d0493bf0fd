/**
 * Settings the window starts from, remembered in the store between runs (XnConvert's habit: the
 * last settings used come back). Stored values are read field by field, so a value written by an
 * older or newer version that no longer validates falls back to its default alone.
 */
import type { z } from 'zod';
import {
  DEFAULT_DOWNLOAD_SETTINGS,
  defaultProcessSettings,
  downloadSettingsSchema,
  processSettingsSchema,
} from '../shared/settings.js';
import type { DownloadSettings, ProcessSettings } from '../shared/settings.js';

/** The part of the store that remembers settings (RunStore has it). */
export interface SettingsMemory {
  getSetting<T>(key: string): T | null;
  setSetting(key: string, value: unknown): void;
}

/** Keys in the store's settings table. */
export const SETTING_KEYS = { process: 'window.process', download: 'window.download' } as const;

/** Both kinds of settings, complete. */
export interface RememberedSettings {
  process: ProcessSettings;
  download: DownloadSettings;
}

/** Keeps each field of `stored` that passes its own schema, over `base`. */
function overlayValid<T extends Record<string, unknown>>(
  schema: z.ZodObject,
  base: T,
  stored: unknown,
): T {
  const result: Record<string, unknown> = { ...base };
  if (typeof stored !== 'object' || stored === null) return result as T;
  for (const [key, fieldSchema] of Object.entries(schema.shape)) {
    if (!Object.prototype.hasOwnProperty.call(stored, key)) continue;
    const checked = (fieldSchema as z.ZodType).safeParse((stored as Record<string, unknown>)[key]);
    if (checked.success) result[key] = checked.data;
  }
  return result as T;
}

/** The remembered settings, defaults where nothing (valid) was remembered. */
export function readSettings(memory: SettingsMemory, cores: number): RememberedSettings {
  return {
    process: overlayValid(
      processSettingsSchema,
      defaultProcessSettings(cores),
      memory.getSetting(SETTING_KEYS.process),
    ),
    download: overlayValid(
      downloadSettingsSchema,
      DEFAULT_DOWNLOAD_SETTINGS,
      memory.getSetting(SETTING_KEYS.download),
    ),
  };
}

/** Remembers complete settings (either kind may be left as it is). */
export function writeSettings(memory: SettingsMemory, settings: Partial<RememberedSettings>): void {
  if (settings.process)
    memory.setSetting(SETTING_KEYS.process, processSettingsSchema.parse(settings.process));
  if (settings.download)
    memory.setSetting(SETTING_KEYS.download, downloadSettingsSchema.parse(settings.download));
}
