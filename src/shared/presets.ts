/**
 * Presets: named recipes for what a run makes (size, edits, format, quality, metadata, names),
 * a few built in and the user's own in the store (src/db/preset-store.ts). Choosing one sets
 * every field of the recipe: what it does not say goes back to "not asked" or the default, so
 * "Thumbnails" after "Web" is not a WebP. How the run is done (workers, threads, pipeline,
 * existing outputs, limits) is the machine's and the run's, never a preset's.
 *
 * One file format for export and import (`photobatch-presets`, version 1), checked field by field
 * with the settings' own schema, so an imported preset cannot hold what a run would refuse.
 */
import * as z from 'zod';
import { operationWord } from './operation-words.js';
import {
  DEFAULT_METADATA_POLICY,
  defaultProcessSettings,
  processSettingsSchema,
} from './settings.js';
import type { OutputFormat, ProcessSettings } from './settings.js';

/** The settings a preset holds: what the outputs are, not how the run goes. */
export const PRESET_FIELDS = [
  'blur',
  'fit',
  'fill',
  'position',
  'longEdge',
  'scale',
  'crop',
  'rotate',
  'flip',
  'flop',
  'sharpen',
  'format',
  'quality',
  'metadata',
  'onlySmaller',
  'nameTemplate',
] as const satisfies readonly (keyof ProcessSettings)[];

/**
 * A preset's settings as stored: any of PRESET_FIELDS, checked by the run settings' own rules;
 * fields a newer build added are dropped (the store reads its rows with this).
 */
export const storedPresetSettingsSchema = processSettingsSchema
  .pick(
    Object.fromEntries(PRESET_FIELDS.map((f) => [f, true])) as Record<
      (typeof PRESET_FIELDS)[number],
      true
    >,
  )
  .partial();
/** A preset's settings as given (a command, an import file): an unknown field is refused. */
export const presetSettingsSchema = storedPresetSettingsSchema.strict();
/** A preset's settings. */
export type PresetSettings = z.infer<typeof presetSettingsSchema>;

/** The longest preset name. */
export const MAX_PRESET_NAME = 60;

/** A preset's name: trimmed, 1–60 characters, no control characters. */
export const presetNameSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(1, 'a preset needs a name')
      .max(MAX_PRESET_NAME, `a preset name is at most ${MAX_PRESET_NAME} characters`)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'a preset name cannot hold control characters'),
  );

/** A preset as the window and the CLI list it. */
export interface Preset {
  name: string;
  builtIn: boolean;
  settings: PresetSettings;
  /** What it makes, in words: "long edge 2048, WebP q80". */
  description: string;
}

const FORMAT_WORDS: Record<Exclude<OutputFormat, 'keep'>, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
};

/** The presets every install has (read-only; a user's preset cannot take their names). */
export const BUILT_IN_PRESET_SETTINGS: readonly { name: string; settings: PresetSettings }[] = [
  { name: 'Web', settings: { longEdge: 2048, format: 'webp', quality: 80 } },
  { name: 'Thumbnails', settings: { fill: { width: 400, height: 400 } } },
  { name: 'Tutorial', settings: { blur: 15, fit: { width: 1000, height: 1000 } } },
  {
    name: 'Share',
    settings: { longEdge: 1600, format: 'jpeg', quality: 82, metadata: 'keep-no-gps' },
  },
];

/** What an import did: the presets saved, and those kept as they were, each with why. */
export interface PresetImport {
  imported: string[];
  /** `yours`: the user has a preset of that name (an import with `replace` replaces it). */
  skipped: { name: string; reason: string; yours: boolean }[];
}

/** The built-in presets, with their descriptions. */
export const BUILT_IN_PRESETS: readonly Preset[] = BUILT_IN_PRESET_SETTINGS.map((p) =>
  describedPreset(p.name, p.settings, true),
);

/** A preset with its description. */
export function describedPreset(name: string, settings: PresetSettings, builtIn: boolean): Preset {
  return { name, builtIn, settings, description: presetDescription(settings) };
}

/** Whether two preset names are the same name (case does not tell presets apart). */
export function samePresetName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The built-in preset called `name`, if any. */
export function builtInPreset(name: string): Preset | undefined {
  return BUILT_IN_PRESETS.find((p) => samePresetName(p.name, name));
}

/** What a preset makes, in words, in the order the operations apply. */
export function presetDescription(s: PresetSettings): string {
  const words: string[] = [];
  const ops = { ...s, fit: s.fit ?? null };
  for (const field of ['crop', 'flip', 'flop', 'rotate'] as const) {
    const w = operationWord(ops, field);
    if (w) words.push(w);
  }
  if (s.blur) words.push(`blur ${s.blur}`);
  if (s.fit) words.push(`fit ${s.fit.width}x${s.fit.height}`);
  for (const field of ['fill', 'position', 'longEdge', 'scale', 'sharpen'] as const) {
    const w = operationWord(ops, field);
    if (w) words.push(w);
  }
  if (s.format && s.format !== 'keep') {
    const lossy = s.format !== 'png';
    const quality = s.quality ?? defaultProcessSettings(1).quality;
    words.push(lossy ? `${FORMAT_WORDS[s.format]} q${quality}` : FORMAT_WORDS[s.format]);
  }
  if (s.metadata === 'keep-no-gps') words.push('no GPS');
  if (s.metadata === 'strip') words.push('no metadata');
  if (s.metadata === 'keep') words.push('all metadata');
  for (const field of ['onlySmaller', 'nameTemplate'] as const) {
    const w = operationWord(ops, field);
    if (w) words.push(w);
  }
  return words.length > 0 ? words.join(', ') : 'as the originals';
}

/**
 * `settings` with the preset chosen: every preset field is the preset's, or "not asked" / the
 * default where the preset says nothing; the other fields (workers, limits…) stay.
 */
export function applyPreset(settings: ProcessSettings, preset: PresetSettings): ProcessSettings {
  const d = defaultProcessSettings(1);
  return {
    ...settings,
    blur: null,
    fit: null,
    fill: null,
    position: 'centre',
    longEdge: null,
    scale: null,
    crop: null,
    rotate: null,
    flip: false,
    flop: false,
    sharpen: null,
    format: d.format,
    quality: d.quality,
    metadata: DEFAULT_METADATA_POLICY,
    onlySmaller: false,
    nameTemplate: null,
    ...preset,
  };
}

/** What a preset saved from `settings` holds: the preset fields that ask for something. */
export function presetSettingsOf(settings: ProcessSettings): PresetSettings {
  const d = defaultProcessSettings(1);
  const out: Record<string, unknown> = {};
  for (const field of PRESET_FIELDS) {
    const value = settings[field];
    if (value === null || value === undefined || value === false) continue;
    if (field === 'position' && (value === 'centre' || !settings.fill)) continue;
    if (field === 'format' && value === d.format) continue;
    if (field === 'quality' && (value === d.quality || settings.format === 'png')) continue;
    if (field === 'metadata' && value === DEFAULT_METADATA_POLICY) continue;
    out[field] = value;
  }
  return presetSettingsSchema.parse(out);
}

/** Whether `settings` make what `preset` makes (the window shows the preset as chosen). */
export function matchesPreset(settings: ProcessSettings, preset: PresetSettings): boolean {
  const a = presetSettingsOf(settings);
  const b = presetSettingsOf(applyPreset(settings, preset));
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([x], [y]) => x.localeCompare(y));
}

/** The export file's `format` field. */
export const PRESETS_FILE_FORMAT = 'photobatch-presets';

const presetsFileSchema = z.object({
  format: z.literal(PRESETS_FILE_FORMAT),
  version: z.literal(1),
  presets: z.array(z.object({ name: z.unknown(), settings: z.unknown() })).max(1000),
});

/** The JSON text of an export of `presets` (name and settings; built-ins are exported too if given). */
export function presetsFileText(presets: readonly Pick<Preset, 'name' | 'settings'>[]): string {
  const file = {
    format: PRESETS_FILE_FORMAT,
    version: 1,
    presets: presets.map((p) => ({ name: p.name, settings: p.settings })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The presets in an export file's text, each checked, or why the file cannot be read, in words
 * naming the preset and the setting: `preset "Big": quality: Too big: expected number to be <=100`.
 */
export function readPresetsFile(
  text: string,
): { presets: { name: string; settings: PresetSettings }[] } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'not a presets file: it is not JSON' };
  }
  const file = presetsFileSchema.safeParse(json);
  if (!file.success) {
    return {
      problem: `not a presets file: expected {"format": "${PRESETS_FILE_FORMAT}", "version": 1, "presets": [...]}`,
    };
  }
  const presets: { name: string; settings: PresetSettings }[] = [];
  for (const [i, entry] of file.data.presets.entries()) {
    const name = presetNameSchema.safeParse(entry.name);
    if (!name.success) return { problem: `preset ${i + 1}: ${name.error.issues[0]!.message}` };
    const settings = presetSettingsSchema.safeParse(entry.settings ?? {});
    if (!settings.success) {
      const issue = settings.error.issues[0]!;
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      return { problem: `preset "${name.data}": ${where}${issue.message}` };
    }
    if (presets.some((p) => samePresetName(p.name, name.data)))
      return { problem: `preset "${name.data}" is in the file twice` };
    presets.push({ name: name.data, settings: settings.data });
  }
  return { presets };
}
