// The "Metadata" choice of the process settings: what outputs keep of their photos' metadata,
// the default named in its option and the chosen policy's effect said under it.
import {
  DEFAULT_METADATA_POLICY,
  METADATA_POLICIES,
  type MetadataPolicy,
} from '../../../shared/settings.js';
import { metadataPolicyEffect } from '../../../shared/metadata-words.js';
import { SelectField } from './Field.js';

const LABELS: Record<MetadataPolicy, string> = {
  'keep-no-gps': 'Keep, without location',
  keep: 'Keep all, location too',
  strip: 'Remove all',
};

const OPTIONS = METADATA_POLICIES.map((value) => ({
  value,
  label: value === DEFAULT_METADATA_POLICY ? `${LABELS[value]} (default)` : LABELS[value],
}));

/** A select of the metadata policies with a one-line explanation of the chosen one. */
export function MetadataField({
  value,
  onChange,
  error,
}: {
  value: MetadataPolicy;
  onChange: (value: MetadataPolicy) => void;
  error?: string | undefined;
}) {
  const effect = metadataPolicyEffect(value);
  return (
    <SelectField
      className="wide"
      label="Metadata"
      value={value}
      onChange={onChange}
      options={OPTIONS}
      hint={`${effect.charAt(0).toUpperCase()}${effect.slice(1)}.`}
      error={error}
    />
  );
}
