// Process: drop or choose photos, adjust settings if you like (the defaults work), Start.
// The whole screen takes drops, as in ImageOptim; XnConvert's Input → Actions → Output order.
import { useEffect, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import type { AppSettings } from '../../../../shared/contract.js';
import { defaultProcessSettings } from '../../../../shared/settings.js';
import { useClient } from '../../common/client-context.js';
import { ErrorBanner } from '../../common/Banner.js';
import { errorMessage } from '../../common/errors.js';
import { TextField } from '../../common/Field.js';
import { ProcessSettingsFields } from '../../common/ProcessSettingsFields.js';
import {
  defaultOutDir,
  readProcessForm,
  toFormValues,
  type ProcessFormErrors,
} from '../../common/process-settings-form.js';
import { DropZone } from './DropZone.js';
import { useInputSelection } from './use-input-selection.js';
import { useConnection } from '../../common/connection.js';
import { checkAllowsStart, useInputCheck } from './use-input-check.js';
import { useRunEstimate } from './use-run-estimate.js';
import { RunEstimate } from './RunEstimate.js';
import { SelectionPhotosPanel } from './SelectionPhotosPanel.js';
import { useSelectionPhotos } from './use-selection-photos.js';
import { ProcessTune } from './ProcessTune.js';
import { CopyCommand } from './CopyCommand.js';
import { RunOnField } from './RunOnField.js';
import { useRunOn } from './use-run-on.js';
import { PresetMenu } from './PresetMenu.js';
import { usePresets } from './use-presets.js';

export function ProcessView({
  active,
  settings,
  onSettings,
  onStarted,
}: {
  /** Shown now: Ctrl/⌘+O chooses a folder. */
  active: boolean;
  settings: AppSettings;
  onSettings: (s: AppSettings) => void;
  onStarted: (runId: number) => void;
}) {
  const client = useClient();
  const { online, epoch } = useConnection();
  const input = useInputSelection(client, settings);
  const check = useInputCheck(client, input.selection?.inputs ?? null, epoch);
  const nothingToDo = input.selection !== null && !checkAllowsStart(check);
  const photos = useSelectionPhotos(client, input.selection?.inputs ?? null, epoch);
  const [values, setValues] = useState(() => toFormValues(settings.process));
  const formRead = readProcessForm(values);
  const estimate = useRunEstimate(
    client,
    checkAllowsStart(check) ? (input.selection?.inputs ?? null) : null,
    formRead.ok ? formRead.settings : null,
    // Shown again, runs may have ended since: the estimate is asked anew.
    `${epoch}:${active}`,
  );
  const runOn = useRunOn(client);
  const presets = usePresets(client, epoch);
  const [errors, setErrors] = useState<ProcessFormErrors>({});
  const [outDir, setOutDir] = useState('');
  const [label, setLabel] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const folderInput = useRef<HTMLInputElement | null>(null);
  const settingsForm = useRef<HTMLFormElement | null>(null);
  const filesInput = useRef<HTMLInputElement | null>(null);

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  const onDragEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth.current += 1;
    setDragging(true);
  };
  const onDragLeave = () => {
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    input.takeDrop(e.dataTransfer);
  };

  const chooseFolder = async () => {
    // The browser opens its picker only within the key press or click that asked for it: no
    // await before it (a loaded machine can take long enough for the browser to refuse).
    if (!client.pickFolder) return folderInput.current?.click();
    if (!(await input.pickFolderNatively())) folderInput.current?.click();
  };
  const chooseFolderRef = useRef(chooseFolder);
  useEffect(() => {
    chooseFolderRef.current = chooseFolder;
  });
  // A layout effect: the shortcut works from the moment the screen is shown, not a frame later
  // (a fast user, or a loaded machine, presses Ctrl+O as soon as the screen appears).
  useLayoutEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void chooseFolderRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const chooseOutDir = async () => {
    try {
      const path = await client.pickFolder?.();
      if (path) setOutDir(path);
    } catch (e) {
      setStartError(errorMessage(e));
    }
  };

  const start = async () => {
    setStartError(null);
    const read = readProcessForm(values);
    if (!read.ok) {
      setErrors(read.errors);
      // The keyboard goes where the fix is needed: the first field marked invalid.
      requestAnimationFrame(() =>
        settingsForm.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    if (!input.selection) {
      setStartError('Choose photos first: drop a folder on the left, or use "Choose folder…".');
      return;
    }
    if (typeof runOn.read === 'string') {
      setStartError(runOn.read);
      return;
    }
    setStarting(true);
    try {
      const { runId } = await client.invoke('process:start', {
        queue: runOn.read,
        inputs: input.selection.inputs,
        outDir: outDir.trim() === '' ? null : outDir.trim(),
        settings: read.settings,
        label: label.trim() !== '' ? label.trim() : input.selection.name,
      });
      onStarted(runId);
      // Remembered for next time (XnConvert); a failure to remember must not spoil the run.
      client.invoke('settings:set', { process: read.settings }).then(onSettings, () => undefined);
    } catch (e) {
      setStartError(`The run did not start: ${errorMessage(e)}`);
    } finally {
      setStarting(false);
    }
  };

  const suggestedOut = defaultOutDir(input.selection?.inputs[0]);
  const defaults = toFormValues(defaultProcessSettings(settings.cores));
  const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
  // Where the form's values come from, said plainly (XnConvert remembers; we also say so).
  const origin = same(values, toFormValues(settings.process))
    ? settings.processFromRun
      ? `Using your last settings (from run #${settings.processFromRun})`
      : same(values, defaults)
        ? 'Using the defaults'
        : 'Using your last settings'
    : null;
  return (
    <div
      className="screen-inner"
      onDragEnter={onDragEnter}
      onDragLeave={onDragLeave}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <div className="screen-head">
        <h1>Process photos</h1>
        <span className="sub">
          Blur, fit and convert a whole folder, with one process per core.
        </span>
      </div>
      {input.error ? <ErrorBanner>{input.error}</ErrorBanner> : null}
      <div className="process-layout">
        <div className="process-main">
          <DropZone
            dragging={dragging}
            selection={input.selection}
            check={check}
            upload={input.upload}
            onChooseFolder={() => void chooseFolder()}
            onChooseFiles={() => filesInput.current?.click()}
            onClear={input.clear}
            onTypedPath={input.takeTypedPath}
          />
          <SelectionPhotosPanel
            client={client}
            state={photos}
            settings={formRead.ok ? formRead.settings : null}
          />
        </div>
        <form
          ref={settingsForm}
          // An error shown stays only while it is true: leaving a field re-checks the form.
          onBlur={() => {
            if (Object.keys(errors).length === 0) return;
            const read = readProcessForm(values);
            setErrors(read.ok ? {} : read.errors);
          }}
          className="panel sticky-panel"
          aria-label="Process settings"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <div className="row">
            <h2 className="grow">Settings</h2>
            <button
              type="button"
              className="link"
              onClick={() => setValues(toFormValues(defaultProcessSettings(settings.cores)))}
            >
              Reset to defaults
            </button>
          </div>
          {origin ? (
            <p className="muted small settings-origin">
              {origin}
              {!same(values, defaults) ? (
                <>
                  {' · '}
                  <button type="button" className="link" onClick={() => setValues(defaults)}>
                    Reset
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
          <PresetMenu
            client={client}
            presets={presets}
            current={formRead.ok ? formRead.settings : null}
            onChoose={(chosen) => setValues(toFormValues(chosen))}
          />
          <ProcessSettingsFields
            values={values}
            errors={errors}
            cores={settings.cores}
            onChange={setValues}
            belowWorkers={
              <ProcessTune
                inputs={checkAllowsStart(check) ? (input.selection?.inputs ?? null) : null}
                values={values}
                onValues={setValues}
                onSettings={onSettings}
              />
            }
          />
          <RunOnField runOn={runOn} />
          <TextField
            label="Output folder"
            value={outDir}
            onChange={setOutDir}
            placeholder={suggestedOut ?? 'next to the input: <name>-photobatch'}
            hint="Empty: a new folder next to the input, named <folder>-photobatch. Originals are never changed."
            trailing={
              client.pickFolder ? (
                <button type="button" onClick={() => void chooseOutDir()}>
                  Choose…
                </button>
              ) : undefined
            }
          />
          <TextField
            label="Label (optional)"
            value={label}
            onChange={setLabel}
            placeholder={input.selection?.name ?? 'shown in History'}
          />
          <RunEstimate
            answer={estimate}
            workers={formRead.ok ? formRead.settings.workers : settings.process.workers}
          />
          <CopyCommand
            request={
              formRead.ok && input.selection && typeof runOn.read !== 'string'
                ? {
                    inputs: input.selection.inputs,
                    outDir: outDir.trim() || suggestedOut || `${input.selection.inputs[0]}-out`,
                    settings: formRead.settings,
                    label: label.trim() || null,
                    queue: runOn.read,
                  }
                : null
            }
            why={
              !input.selection
                ? 'Choose photos first'
                : !formRead.ok
                  ? 'Fix the settings marked first'
                  : 'Fix where the run goes first'
            }
          />
          {startError ? <ErrorBanner>{startError}</ErrorBanner> : null}
          <button
            type="submit"
            className="primary big"
            disabled={starting || input.upload !== null || !online || nothingToDo}
          >
            {starting
              ? 'Starting…'
              : nothingToDo && check.kind === 'checked'
                ? 'Start: nothing to process'
                : input.selection
                  ? `Start: process ${input.selection.name}`
                  : 'Start'}
          </button>
        </form>
      </div>
      {/* The browser's pickers; Electron uses the native folder dialog but these still serve "Choose files…". */}
      <input
        ref={(el) => {
          folderInput.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        hidden
        data-picker="folder"
        onChange={(e) => {
          input.takeFileList(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        accept="image/*,.heic,.heif,.avif,.jxl,.tif,.tiff"
        data-picker="files"
        onChange={(e) => {
          input.takeFileList(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
