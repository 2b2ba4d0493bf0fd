/**
 * Settings of a run, with their runtime schemas. Every process boundary that receives settings
 * (CLI argv, IPC, web socket, worker) validates them with these schemas.
 */
import * as z from 'zod';
import { operationSettingsShape } from './operation-settings.js';

/** Output formats the pipeline can write; `keep` keeps the input's format where it can be written. */
export const OUTPUT_FORMATS = ['keep', 'jpeg', 'png', 'webp', 'avif'] as const;
/** An output format. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `exact` blurs at full resolution then fits (reference); `fast` shrinks on load and scales sigma. */
export const PIPELINES = ['exact', 'fast'] as const;
/** A pipeline variant. */
export type Pipeline = (typeof PIPELINES)[number];

/** What to do when an output file already exists. Inputs are never touched in any mode. */
export const EXISTING_MODES = ['overwrite', 'skip', 'rename'] as const;
/** An existing-output policy. */
export type ExistingMode = (typeof EXISTING_MODES)[number];

/**
 * What an output keeps of its input's metadata. `keep-no-gps` (the default): capture date, camera,
 * lens, exposure, copyright and a colour profile survive, location does not. `keep`: all of the
 * input's EXIF, GPS included, and its own colour profile (no conversion). `strip`: nothing but the
 * pixels, converted to sRGB (the colour space an untagged image is read in).
 */
export const METADATA_POLICIES = ['keep-no-gps', 'keep', 'strip'] as const;
/** A metadata policy. */
export type MetadataPolicy = (typeof METADATA_POLICIES)[number];
/** The metadata policy a user gets without choosing one. */
export const DEFAULT_METADATA_POLICY: MetadataPolicy = 'keep-no-gps';
/**
 * What a run stored before the policy existed did: its outputs carried no metadata at all. Filled
 * in where stored runs are read, so `show`, compare and a re-run say what that run really did.
 */
export const METADATA_OF_OLDER_RUNS: MetadataPolicy = 'strip';

/** sharp's own default pixel limit (0x3FFF * 0x3FFF, about 268 MP): stops decompression bombs. */
export const DEFAULT_LIMIT_INPUT_PIXELS = 0x3fff * 0x3fff;

/** A box to fit inside, without enlarging (like Pillow's `thumbnail`). */
export const fitSchema = z.object({
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
/** A box to fit inside. */
export type Fit = z.infer<typeof fitSchema>;

/** Settings of a process run. */
export const processSettingsSchema = z.object({
  /** Gaussian blur sigma; null for no blur. */
  blur: z.number().min(0.3).max(1000).nullable(),
  /** Fit inside this box without enlarging; null to keep the size. */
  fit: fitSchema.nullable(),
  format: z.enum(OUTPUT_FORMATS),
  /** Encoder quality 1–100 (JPEG, WebP, AVIF; PNG uses it for palette quantisation only when asked). */
  quality: z.number().int().min(1).max(100),
  /** Number of worker processes. */
  workers: z.number().int().min(1).max(64),
  /** libvips threads per worker. */
  threads: z.number().int().min(1).max(64),
  pipeline: z.enum(PIPELINES),
  existing: z.enum(EXISTING_MODES),
  /** Refuse inputs with more pixels than this (decompression bombs). */
  limitInputPixels: z.number().int().min(1),
  /** An image that takes longer than this is treated like a crashed worker (retried once). */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(24 * 3600 * 1000),
  // Optional so that runs stored before it still read (they get METADATA_OF_OLDER_RUNS).
  /** What outputs keep of their input's metadata (METADATA_POLICIES). */
  metadata: z.enum(METADATA_POLICIES).optional(),
  // Resize modes, edits and only-smaller: optional, so runs stored before them still read.
  ...operationSettingsShape,
});
/** Settings of a process run. */
export type ProcessSettings = z.infer<typeof processSettingsSchema>;

/** Defaults a user gets without choosing anything. `workers` is filled from the machine's cores. */
export function defaultProcessSettings(cores: number): ProcessSettings {
  return {
    blur: null,
    fit: null,
    format: 'keep',
    quality: 80,
    // As many workers as cores, within what the schema allows (a 128-core machine gets its maximum).
    workers: Math.max(
      processSettingsSchema.shape.workers.minValue ?? 1,
      Math.min(processSettingsSchema.shape.workers.maxValue ?? 1, cores),
    ),
    threads: 1,
    // fast measured at ≥ 40 dB PSNR against exact on the bench photos (npm run bench).
    pipeline: 'fast',
    existing: 'overwrite',
    limitInputPixels: DEFAULT_LIMIT_INPUT_PIXELS,
    timeoutMs: 5 * 60 * 1000,
    metadata: DEFAULT_METADATA_POLICY,
  };
}

/** The metadata policy of settings that may predate it (a partial request gets the default). */
export function metadataPolicyOf(settings: { metadata?: MetadataPolicy }): MetadataPolicy {
  return settings.metadata ?? DEFAULT_METADATA_POLICY;
}

/** Settings of a download run. */
export const downloadSettingsSchema = z.object({
  concurrency: z.number().int().min(1).max(256),
  retries: z.number().int().min(0).max(20),
  /** Per attempt: connecting, waiting for headers and any stall of the body. */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(3600 * 1000),
  maxBytes: z.number().int().min(1),
  maxRedirects: z.number().int().min(0).max(50),
  // Optional so that runs stored before these settings existed still read; the engine fills in
  // DEFAULT_DOWNLOAD_SETTINGS for what is missing.
  /** Per download, all attempts and the waits between them included: a server cannot stretch it. */
  maxTimeMs: z
    .number()
    .int()
    .min(1000)
    .max(24 * 3600 * 1000)
    .optional(),
  /**
   * Lowest speed, in bytes per second, over a window of 10 s (or the timeout, if longer); an
   * attempt slower than that is stopped. 0 turns the check off.
   */
  minSpeed: z
    .number()
    .int()
    .min(0)
    .max(1024 ** 3)
    .optional(),
  /** A name already taken in the folder: replace the file, keep it (skip the URL), or number the new one. */
  existing: z.enum(EXISTING_MODES).optional(),
});
/** Settings of a download run. */
export type DownloadSettings = z.infer<typeof downloadSettingsSchema>;

/** Defaults for downloads. */
export const DEFAULT_DOWNLOAD_SETTINGS: DownloadSettings = {
  concurrency: 8,
  retries: 3,
  timeoutMs: 30_000,
  maxBytes: 100 * 1024 * 1024,
  maxRedirects: 10,
  maxTimeMs: 300_000,
  minSpeed: 1024,
  existing: 'rename',
};

/** Parses `WxH` (e.g. `1000x800`) into a Fit, or returns an error message. */
export function parseFit(text: string): Fit | string {
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(text);
  if (!m) return `expected WIDTHxHEIGHT such as 1000x1000, got "${text}"`;
  const fit = { width: Number(m[1]), height: Number(m[2]) };
  const checked = fitSchema.safeParse(fit);
  const side = fitSchema.shape.width;
  return checked.success
    ? checked.data
    : `width and height must be whole numbers from ${side.minValue} to ${side.maxValue}, got "${text}"`;
}

/** The shortest window the lowest download speed is measured over. */
export const MIN_SPEED_WINDOW_MS = 10_000;

/** The window the lowest speed is measured over: 10 s, or the timeout when that is longer. */
export function minSpeedWindowMs(timeoutMs: number): number {
  return Math.max(MIN_SPEED_WINDOW_MS, timeoutMs);
}
