/**
 * Settings the window starts from, remembered in the store between runs (XnConvert's habit: the
 * last settings used come back). Stored values are read field by field, so a value written by an
 * older or newer version that no longer validates falls back to its default alone.
 */
import type * as z from 'zod';
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
export const SETTING_KEYS = {
  process: 'window.process',
  download: 'window.download',
  /** Download's "process after download" options: its own, never the Process screen's. */
  downloadProcess: 'window.downloadProcess',
  /** The run whose start last chose the Process screen's settings. */
  processFromRun: 'window.processFromRun',
} as const;

/**
 * Every kind of settings, complete. Only a Process-screen start (or the user's own Save) writes
 * `process`: a re-run, a resume or a download's processing options never do, so what the Process
 * screen offers is what the user last chose there.
 */
export interface RememberedSettings {
  process: ProcessSettings;
  download: DownloadSettings;
  downloadProcess: ProcessSettings;
  /** Null when the process settings were never used by a run (or were reset). */
  processFromRun: number | null;
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
  const process = overlayValid(
    processSettingsSchema,
    defaultProcessSettings(cores),
    memory.getSetting(SETTING_KEYS.process),
  );
  const fromRun = memory.getSetting<unknown>(SETTING_KEYS.processFromRun);
  return {
    process,
    // Until Download has its own, it starts from the Process screen's (the user's taste).
    downloadProcess: overlayValid(
      processSettingsSchema,
      process,
      memory.getSetting(SETTING_KEYS.downloadProcess),
    ),
    processFromRun:
      Number.isInteger(fromRun) && (fromRun as number) > 0 ? (fromRun as number) : null,
    download: overlayValid(
      downloadSettingsSchema,
      DEFAULT_DOWNLOAD_SETTINGS,
      memory.getSetting(SETTING_KEYS.download),
    ),
  };
}

/** Remembers complete settings (any kind may be left as it is). */
export function writeSettings(memory: SettingsMemory, settings: Partial<RememberedSettings>): void {
  if (settings.process)
    memory.setSetting(SETTING_KEYS.process, processSettingsSchema.parse(settings.process));
  if (settings.downloadProcess)
    memory.setSetting(
      SETTING_KEYS.downloadProcess,
      processSettingsSchema.parse(settings.downloadProcess),
    );
  if (settings.processFromRun !== undefined)
    memory.setSetting(SETTING_KEYS.processFromRun, settings.processFromRun);
  if (settings.download)
    memory.setSetting(SETTING_KEYS.download, downloadSettingsSchema.parse(settings.download));
}
