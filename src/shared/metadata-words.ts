/** What each metadata policy keeps, in words: one source for the CLI's `show` and the window. */
import type { MetadataPolicy } from './settings.js';
import { missingCase } from './missing-case.js';

/** "keep-no-gps (date, camera, lens, copyright and colour profile kept; GPS removed)". */
export function describeMetadataPolicy(policy: MetadataPolicy): string {
  return `${policy} (${metadataPolicyEffect(policy)})`;
}

/** The policy's effect in one short phrase. */
export function metadataPolicyEffect(policy: MetadataPolicy): string {
  switch (policy) {
    case 'keep-no-gps':
      return 'capture date, camera, lens, copyright and colour profile kept; GPS location removed; colours in sRGB';
    case 'keep':
      return "all EXIF kept, GPS location included, with the input's own colour profile";
    case 'strip':
      return 'no metadata kept; colours converted to sRGB';
    default:
      return missingCase(policy);
  }
}
