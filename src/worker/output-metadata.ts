/**
 * The metadata policy (src/shared/settings.ts METADATA_POLICIES) as sharp calls on the pass that
 * writes the output. sharp's default, with none of these calls, is `strip`: pixels converted to
 * sRGB, no EXIF, no profile.
 *
 * keep-no-gps: the tags of exif-tags.ts (date, camera, lens, exposure, copyright), no GPS; pixels
 *   converted to sRGB, and tagged with the sRGB profile when the input had a profile of its own
 *   (an untagged input stays untagged: both read as sRGB, and small files stay small).
 * keep: the input's whole EXIF (GPS too) and its own profile, pixels not converted. When the pass
 *   that writes reads decoded pixels rather than the input (the exact pipeline's second pass, a
 *   HEIC), the EXIF is the table's tags with GPS added, and the profile travels with the pixels.
 * Orientation is applied to the pixels under every policy (autoOrient) and written as 1.
 */
import sharp from 'sharp';
import type { Exif, Sharp } from 'sharp';
import type { MetadataPolicy } from '../shared/settings.js';
import { missingCase } from '../shared/missing-case.js';
import { exifTagsToKeep } from './exif-tags.js';

/** What the policy needs to know of an input, from its header. */
export interface InputMetadata {
  /** The input's EXIF block (sharp's `metadata().exif`, or a whole file exifr reads), if any. */
  exif: Buffer | null;
  /** The input carries its own ICC profile. */
  hasProfile: boolean;
}

/** The policy resolved for one image. */
export interface MetadataPlan {
  policy: MetadataPolicy;
  /** Tags to write when the input's own EXIF cannot be copied whole (null: none). */
  tags: Exif | null;
  hasProfile: boolean;
}

/** Reads what `policy` keeps of the input (only `strip` needs nothing). */
export async function planOutputMetadata(
  policy: MetadataPolicy,
  input: InputMetadata,
): Promise<MetadataPlan> {
  const tags =
    policy === 'strip' || !input.exif ? null : await exifTagsToKeep(input.exif, policy === 'keep');
  return { policy, tags, hasProfile: input.hasProfile };
}

/**
 * Whether decoded pixels must stay in the input's own colour space (`keep` with a profile): a
 * pass that materialises them must then carry the profile along (see materialiseFullSize).
 */
export function keepsInputColours(plan: MetadataPlan): boolean {
  return plan.policy === 'keep' && plan.hasProfile;
}

/**
 * Adds the policy's metadata to the pass that writes the output. `readsInput`: that pass decodes
 * the input file itself, so its EXIF can be copied whole.
 */
export function withOutputMetadata(image: Sharp, plan: MetadataPlan, readsInput: boolean): Sharp {
  switch (plan.policy) {
    case 'strip':
      return image;
    case 'keep-no-gps': {
      const tagged = plan.tags ? image.withExif(plan.tags) : image;
      return plan.hasProfile ? tagged.withIccProfile('srgb') : tagged;
    }
    case 'keep': {
      const withExif = readsInput
        ? image.keepExif()
        : plan.tags
          ? image.withExif(plan.tags)
          : image;
      return withExif.keepIccProfile();
    }
    default:
      return missingCase(plan.policy);
  }
}

/**
 * Runs a full-size pass (decode and blur) to memory for a second pass to read: raw pixels,
 * converted to sRGB; or, when the input's colours are kept, an uncompressed TIFF, the one
 * in-memory form that carries an ICC profile, CMYK and 16-bit samples along with the pixels.
 */
export async function materialiseFullSize(pass: Sharp, plan: MetadataPlan): Promise<Sharp> {
  if (keepsInputColours(plan)) {
    const tiff = await pass.keepIccProfile().tiff({ compression: 'none' }).toBuffer();
    return sharp(tiff, { limitInputPixels: false });
  }
  const { data, info } = await pass.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}
