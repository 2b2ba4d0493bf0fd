// The process settings as form fields, shared by Process and by Download's "process after download".
import type { ReactNode } from 'react';
import type { OutputFormat, Pipeline } from '../../../shared/settings.js';
import { PROCESS_LIMITS } from '../../../shared/settings-limits.js';
import { SelectField, TextField } from './Field.js';
import { MetadataField } from './MetadataField.js';
import { AdvancedProcessFields } from './AdvancedProcessFields.js';
import {
  oversubscriptionHint,
  type ProcessFormErrors,
  type ProcessFormValues,
} from './process-settings-form.js';

const FORMAT_OPTIONS: readonly { value: OutputFormat; label: string }[] = [
  { value: 'keep', label: 'Same as the original' },
  { value: 'jpeg', label: 'JPEG' },
  { value: 'png', label: 'PNG' },
  { value: 'webp', label: 'WebP' },
  { value: 'avif', label: 'AVIF' },
];

const { blur, quality } = PROCESS_LIMITS;

const PIPELINE_OPTIONS: readonly { value: Pipeline; label: string }[] = [
  { value: 'fast', label: 'Fast — fit first, blur scaled to match' },
  { value: 'exact', label: 'Exact — blur at full size, then fit' },
];

/** Fields for blur, fit, format, quality, workers, threads, pipeline, metadata; the rest folded. */
export function ProcessSettingsFields({
  values,
  errors,
  cores,
  onChange,
  belowWorkers,
}: {
  values: ProcessFormValues;
  errors: ProcessFormErrors;
  cores: number;
  onChange: (values: ProcessFormValues) => void;
  /** Shown under the Workers and Threads fields, full width (Process: Tune). */
  belowWorkers?: ReactNode;
}) {
  const set = <K extends keyof ProcessFormValues>(key: K, value: ProcessFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const hint = oversubscriptionHint(Number(values.workers), Number(values.threads), cores);
  const qualityApplies = values.format !== 'png';
  return (
    <div className="fields">
      <TextField
        label="Blur"
        value={values.blur}
        onChange={(v) => set('blur', v)}
        placeholder="none"
        inputMode="decimal"
        hint={`Sigma in pixels, ${blur.min}–${blur.max}. Empty or 0: none.`}
        error={errors.blur}
      />
      <TextField
        label="Fit inside"
        value={values.fit}
        onChange={(v) => set('fit', v)}
        placeholder="keep size"
        hint="e.g. 1600x1200. Never enlarges."
        error={errors.fit}
      />
      <SelectField
        label="Format"
        value={values.format}
        onChange={(v) => set('format', v)}
        options={FORMAT_OPTIONS}
        error={errors.format}
      />
      <TextField
        label="Quality"
        value={values.quality}
        onChange={(v) => set('quality', v)}
        inputMode="numeric"
        hint={
          qualityApplies
            ? `${quality.min}–${quality.max}, for JPEG, WebP and AVIF.`
            : 'PNG is lossless: not used.'
        }
        error={errors.quality}
      />
      <TextField
        label="Workers"
        value={values.workers}
        onChange={(v) => set('workers', v)}
        inputMode="numeric"
        hint={`Processes side by side. This computer has ${cores} ${cores === 1 ? 'core' : 'cores'}.`}
        error={errors.workers}
        warning={errors.workers ? null : hint}
      />
      <TextField
        label="Threads per worker"
        value={values.threads}
        onChange={(v) => set('threads', v)}
        inputMode="numeric"
        hint="libvips threads in each worker; 1 suits many workers."
        error={errors.threads}
      />
      {belowWorkers}
      <SelectField
        className="wide"
        label="Pipeline"
        value={values.pipeline}
        onChange={(v) => set('pipeline', v)}
        options={PIPELINE_OPTIONS}
        hint="Fast is several times quicker when shrinking big photos; it measures above 40 dB PSNR against Exact, the reference."
        error={errors.pipeline}
      />
      <MetadataField
        value={values.metadata}
        onChange={(v) => set('metadata', v)}
        error={errors.metadata}
      />
      <AdvancedProcessFields values={values} errors={errors} onChange={onChange} />
    </div>
  );
}
