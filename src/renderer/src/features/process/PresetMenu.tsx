// Presets on the Process screen: a menu of the built-in ones and yours (choosing one fills the
// settings), "Save as preset…" for what the form says now, and for one of yours Rename and
// Delete; Export writes your presets as a JSON file, Import reads one. The menu shows the preset
// the form still matches, or "Custom settings" once a field differs.
import { useId, useRef, useState } from 'react';
import type { PhotobatchClient } from '../../../../shared/contract.js';
import {
  applyPreset,
  matchesPreset,
  presetSettingsOf,
  samePresetName,
} from '../../../../shared/presets.js';
import type { Preset } from '../../../../shared/presets.js';
import type { ProcessSettings } from '../../../../shared/settings.js';
import type { Presets } from './use-presets.js';
import { errorMessage } from '../../common/errors.js';

type Editing =
  /** `replacing`: the name of one of yours the user was told Save would replace. */
  | { kind: 'save'; name: string; replacing?: string }
  | { kind: 'rename'; name: string }
  | { kind: 'delete' }
  | null;

export function PresetMenu({
  client,
  presets: state,
  current,
  onChoose,
}: {
  client: PhotobatchClient;
  presets: Presets;
  /** The form's settings now, or null while a field is wrong. */
  current: ProcessSettings | null;
  /** Fills the form with these settings. */
  onChoose: (settings: ProcessSettings) => void;
}) {
  const id = useId();
  const [editing, setEditing] = useState<Editing>(null);
  const importInput = useRef<HTMLInputElement | null>(null);
  const { presets, note, act, say } = state;
  const matched = current ? presets.find((p) => matchesPreset(current, p.settings)) : undefined;
  const own = presets.filter((p) => !p.builtIn);
  const chosenOwn = matched && !matched.builtIn ? matched : null;

  const choose = (name: string) => {
    const preset = presets.find((p) => p.name === name);
    if (!preset || !current) return;
    onChoose(applyPreset(current, preset.settings));
    say(`Preset “${preset.name}”: ${preset.description}.`);
  };

  const submit = async () => {
    if (!editing || editing.kind === 'delete') return;
    if (editing.kind === 'save') {
      if (!current) return say('Fix the settings marked first, then save them.', true);
      const taken = own.find((p) => samePresetName(p.name, editing.name));
      if (taken && !(editing.replacing && samePresetName(editing.replacing, taken.name))) {
        setEditing({ ...editing, replacing: taken.name });
        return say(`You have a preset named “${taken.name}”: Save again to replace it.`);
      }
      const ok = await act(
        () =>
          client.invoke('presets:save', {
            name: editing.name,
            settings: presetSettingsOf(current),
            replace: taken !== undefined,
          }),
        () => `Saved “${editing.name.trim()}”${taken ? ' (replaced)' : ''}.`,
      );
      if (ok) setEditing(null);
    } else if (chosenOwn) {
      const ok = await act(
        () => client.invoke('presets:rename', { from: chosenOwn.name, to: editing.name }),
        () => `Renamed “${chosenOwn.name}” to “${editing.name.trim()}”.`,
      );
      if (ok) setEditing(null);
    }
  };

  const remove = async (preset: Preset) => {
    const ok = await act(
      () => client.invoke('presets:delete', { name: preset.name }),
      () => `Deleted “${preset.name}”. The settings stay as they are.`,
    );
    if (ok) setEditing(null);
  };

  const exportOwn = async () => {
    try {
      const file = await client.invoke('presets:export', {});
      const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say(`Exported ${file.count} preset${file.count === 1 ? '' : 's'} to ${file.fileName}.`);
    } catch (e) {
      say(errorMessage(e), true);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      return say(`${file.name} could not be read.`, true);
    }
    await act(
      () => client.invoke('presets:import', { text }),
      (done) => {
        const kept = done.skipped.map((s) => `“${s.name}” kept (${s.reason})`);
        return [
          `Imported ${done.imported.length} preset${done.imported.length === 1 ? '' : 's'} from ${file.name}.`,
          ...kept,
        ].join(' ');
      },
    );
  };

  return (
    <div className="preset-menu wide" role="group" aria-label="Presets">
      <div className="row">
        <label id={`${id}-label`} htmlFor={`${id}-select`} className="label">
          Preset
        </label>
        <select
          id={`${id}-select`}
          className="grow"
          value={matched?.name ?? ''}
          disabled={!current}
          aria-describedby={`${id}-about`}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="" disabled>
            Custom settings
          </option>
          <optgroup label="Built in">
            {presets
              .filter((p) => p.builtIn)
              .map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}: {p.description}
                </option>
              ))}
          </optgroup>
          {own.length > 0 ? (
            <optgroup label="Yours">
              {own.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}: {p.description}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <p id={`${id}-about`} className="muted small">
        A preset sets the size, edits, format, quality, metadata and names; workers and limits stay
        yours.
      </p>
      <div className="row preset-actions">
        <button
          type="button"
          disabled={!current}
          onClick={() => setEditing({ kind: 'save', name: chosenOwn?.name ?? '' })}
        >
          Save as preset…
        </button>
        {chosenOwn ? (
          <>
            <button
              type="button"
              onClick={() => setEditing({ kind: 'rename', name: chosenOwn.name })}
            >
              Rename…
            </button>
            <button type="button" onClick={() => setEditing({ kind: 'delete' })}>
              Delete
            </button>
          </>
        ) : null}
        <button type="button" disabled={own.length === 0} onClick={() => void exportOwn()}>
          Export…
        </button>
        <button type="button" onClick={() => importInput.current?.click()}>
          Import…
        </button>
      </div>
      {editing && editing.kind !== 'delete' ? (
        <div className="row preset-name">
          <label htmlFor={`${id}-name`} className="label">
            {editing.kind === 'save' ? 'Preset name' : 'New name'}
          </label>
          <input
            id={`${id}-name`}
            type="text"
            className="grow"
            value={editing.name}
            maxLength={60}
            autoFocus
            onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            onKeyDown={(e) => {
              // Inside the settings form, Enter would start the run: here it saves the name.
              if (e.key === 'Enter') {
                e.preventDefault();
                void submit();
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setEditing(null);
              }
            }}
          />
          <button type="button" className="primary" onClick={() => void submit()}>
            {editing.kind === 'save' ? 'Save' : 'Rename'}
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {editing?.kind === 'delete' && chosenOwn ? (
        <div
          className="row preset-name"
          role="alertdialog"
          aria-label={`Delete ${chosenOwn.name}?`}
        >
          <span className="grow">Delete the preset “{chosenOwn.name}”?</span>
          <button type="button" className="danger-button" onClick={() => void remove(chosenOwn)}>
            Delete
          </button>
          {/* The safe answer has the focus: Enter or Space keeps the preset. */}
          <button type="button" autoFocus onClick={() => setEditing(null)}>
            Keep it
          </button>
        </div>
      ) : null}
      {note ? (
        <p className={note.failed ? 'error small' : 'muted small'} role="status">
          {note.text}
        </p>
      ) : null}
      <input
        ref={importInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-picker="presets"
        onChange={(e) => {
          void importFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
