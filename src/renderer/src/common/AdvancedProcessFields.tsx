// The advanced process settings, folded away under "More options": the other size modes, the
// edits in their order, only-smaller, existing outputs and the limits — one control for each of
// the CLI's options, with the same ranges. Opens by itself when one of them is set or wrong.
import { useState } from 'react';
import { FILL_POSITIONS, ROTATIONS } from '../../../shared/operation-settings.js';
import type { FillPosition } from '../../../shared/operation-settings.js';
import type { ExistingMode } from '../../../shared/settings.js';
import { OPERATION_LIMITS } from '../../../shared/settings-limits.js';
import { SelectField, TextField } from './Field.js';
import {
  NAME_TOKENS,
  calendarDate,
  fillNameTemplate,
  parseNameTemplate,
} from '../../../shared/name-template.js';
import type { AdvancedFormValues, AdvancedFormErrors } from './advanced-settings-form.js';

const POSITION_LABELS: Record<FillPosition, string> = {
  centre: 'Centre',
  attention: 'Most eye-catching part',
  entropy: 'Most detailed part',
};
const POSITION_OPTIONS = FILL_POSITIONS.map((value) => ({ value, label: POSITION_LABELS[value] }));
const ROTATE_OPTIONS: readonly { value: AdvancedFormValues['rotate']; label: string }[] = [
  { value: '', label: 'None' },
  ...ROTATIONS.map((r) => ({ value: `${r}` as const, label: `${r}° clockwise` })),
];
const EXISTING_OPTIONS: readonly { value: ExistingMode; label: string }[] = [
  { value: 'overwrite', label: 'Replace it' },
  { value: 'skip', label: 'Keep it (skip the photo)' },
  { value: 'rename', label: 'Number the new one' },
];

/** Whether any advanced field asks for something other than what it does untouched. */
function anySet(v: AdvancedFormValues): boolean {
  return (
    [v.fill, v.longEdge, v.scale, v.crop, v.sharpen, v.rotate, v.nameTemplate].some(
      (t) => t.trim() !== '',
    ) ||
    v.flip ||
    v.flop ||
    v.onlySmaller ||
    v.existing !== 'overwrite'
  );
}

function Check({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="choice">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        <br />
        <span className="muted small">{hint}</span>
      </span>
    </label>
  );
}

/** A name that already ends like a picture keeps its ending (when it fits the format). */
const PICTURE_ENDING = /\.(jpe?g|png|webp|avif|gif|tiff?|heic|heif)$/i;

/** The tokens, and what the template makes of an example photo once it is valid. */
function NameTemplateHint({ template }: { template: string }) {
  const parsed = template.trim() ? parseNameTemplate(template) : null;
  const example =
    parsed && typeof parsed !== 'string'
      ? fillNameTemplate(parsed, {
          name: 'IMG_0042',
          ext: 'JPG',
          w: 1000,
          h: 750,
          index: 7,
          date: calendarDate(new Date()),
        })
      : null;
  return (
    <>
      {Object.keys(NAME_TOKENS)
        .map((t) => `{${t}}`)
        .join(' ')}
      , {'{index:3}'} for 007. Folders stay as they are; the format's extension is added.
      {example ? (
        <>
          <br />
          IMG_0042.JPG → <code>{example}</code>
          {PICTURE_ENDING.test(example) ? '' : ' + the extension'}
        </>
      ) : null}
    </>
  );
}

export function AdvancedProcessFields<V extends AdvancedFormValues>({
  values,
  errors,
  onChange,
}: {
  values: V;
  errors: AdvancedFormErrors;
  onChange: (values: V) => void;
}) {
  const set = <K extends keyof AdvancedFormValues>(key: K, value: V[K]) =>
    onChange({ ...values, [key]: value });
  const wrong = Object.keys(errors).some((k) => k !== 'fit');
  const [open, setOpen] = useState(() => anySet(values));
  const { longEdge, scale, sharpen } = OPERATION_LIMITS;
  return (
    <details
      className="wide advanced-settings"
      open={open || wrong}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>More options: other sizes, crop, rotate, sharpen, names, limits</summary>
      <p className="muted small">
        Applied in this order: EXIF orientation → crop → flip/flop → rotate → blur → size → sharpen.
        One size at a time: Fit inside, Fill exactly, Long edge or Scale.
      </p>
      <div className="fields">
        <TextField
          label="Fill exactly"
          value={values.fill}
          onChange={(v) => set('fill', v)}
          placeholder="off"
          hint="e.g. 400x400: covers the box, crops what overflows."
          error={errors.fill}
        />
        <SelectField
          label="Fill keeps"
          value={values.position}
          onChange={(v) => set('position', v)}
          options={POSITION_OPTIONS}
          hint="Where Fill crops."
          error={errors.position}
        />
        <TextField
          label="Long edge"
          value={values.longEdge}
          onChange={(v) => set('longEdge', v)}
          placeholder="off"
          inputMode="numeric"
          hint={`Pixels, ${longEdge.min}–${longEdge.max}. Never enlarges.`}
          error={errors.longEdge}
        />
        <TextField
          label="Scale"
          value={values.scale}
          onChange={(v) => set('scale', v)}
          placeholder="off"
          inputMode="decimal"
          hint={`Percent, ${scale.min}–${scale.max}%.`}
          error={errors.scale}
        />
        <TextField
          label="Crop"
          value={values.crop}
          onChange={(v) => set('crop', v)}
          placeholder="off"
          hint="WxH+X+Y of the upright photo, e.g. 800x600+100+50."
          error={errors.crop}
        />
        <SelectField
          label="Rotate"
          value={values.rotate}
          onChange={(v) => set('rotate', v)}
          options={ROTATE_OPTIONS}
          hint="After the camera's orientation is applied."
          error={errors.rotate}
        />
        <TextField
          label="Sharpen"
          value={values.sharpen}
          onChange={(v) => set('sharpen', v)}
          placeholder="off"
          inputMode="decimal"
          hint={`Sigma ${sharpen.min}–${sharpen.max}, after resizing; 1 is gentle.`}
          error={errors.sharpen}
        />
        <div className="field">
          <Check
            label="Flip"
            hint="Top to bottom."
            checked={values.flip}
            onChange={(v) => set('flip', v as V['flip'])}
          />
          <Check
            label="Flop"
            hint="Left to right."
            checked={values.flop}
            onChange={(v) => set('flop', v as V['flop'])}
          />
        </div>
        <div className="field wide">
          <Check
            label="Only smaller"
            hint="When the new file would be larger than the original, keep the original's bytes instead."
            checked={values.onlySmaller}
            onChange={(v) => set('onlySmaller', v as V['onlySmaller'])}
          />
        </div>
        <TextField
          className="wide"
          label="Output names"
          value={values.nameTemplate}
          onChange={(v) => set('nameTemplate', v)}
          placeholder="{name} (as the originals)"
          spellCheck={false}
          hint={<NameTemplateHint template={values.nameTemplate} />}
          error={errors.nameTemplate}
        />
        <SelectField
          className="wide"
          label="When an output exists"
          value={values.existing}
          onChange={(v) => set('existing', v)}
          options={EXISTING_OPTIONS}
          hint="Originals are never changed, whatever this says."
          error={errors.existing}
        />
        <TextField
          label="Largest photo"
          value={values.maxPixels}
          onChange={(v) => set('maxPixels', v)}
          inputMode="decimal"
          hint="Megapixels; larger photos are refused (guards against decompression bombs)."
          error={errors.maxPixels}
        />
        <TextField
          label="Time per photo"
          value={values.timeout}
          onChange={(v) => set('timeout', v)}
          inputMode="decimal"
          hint="Seconds; a photo that takes longer is tried once more, then fails."
          error={errors.timeout}
        />
      </div>
    </details>
  );
}
