// Download: paste image addresses (one a line), see at once which lines are good, choose how many
// at a time, and optionally process each photo as soon as it arrives.
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { AppSettings } from '../../../../shared/contract.js';
import { useClient } from '../../common/client-context.js';
import { ErrorBanner } from '../../common/Banner.js';
import { errorMessage } from '../../common/errors.js';
import { SelectField, TextField } from '../../common/Field.js';
import { ProcessSettingsFields } from '../../common/ProcessSettingsFields.js';
import {
  readProcessForm,
  toFormValues,
  type ProcessFormErrors,
} from '../../common/process-settings-form.js';
import { plural } from '../../common/format.js';
import {
  EXISTING_CHOICES,
  readDownloadForm,
  toDownloadFormValues,
  type DownloadFormErrors,
  type DownloadFormValues,
} from './download-form.js';
import { parseUrlList } from '../../../../shared/url-list.js';
import { UrlCheckSummary, type BadUrlLine } from './UrlCheckSummary.js';
import { useConnection } from '../../common/connection.js';
import { DownloadTune, useDownloadTune } from './DownloadTune.js';
import { TuneCharts } from '../../common/TuneSection.js';

export function DownloadView({
  settings,
  onSettings,
  onStarted,
}: {
  settings: AppSettings;
  onSettings: (s: AppSettings) => void;
  onStarted: (runId: number) => void;
}) {
  const client = useClient();
  const { online } = useConnection();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text);
  // The engine's own rules (src/shared/url-list.ts): the button's count is what will be fetched.
  const list = useMemo(() => parseUrlList(deferred), [deferred]);
  const [values, setValues] = useState(() => toDownloadFormValues(settings.download));
  const [errors, setErrors] = useState<DownloadFormErrors>({});
  const [processAfter, setProcessAfter] = useState(false);
  const [processValues, setProcessValues] = useState(() =>
    toFormValues(settings.downloadProcess ?? settings.process),
  );
  const [processErrors, setProcessErrors] = useState<ProcessFormErrors>({});
  const [outDir, setOutDir] = useState('');
  const [label, setLabel] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const jump = (bad: BadUrlLine) => {
    const el = textarea.current;
    if (!el) return;
    const lines = el.value.split(/\r\n|\n|\r/);
    let start = 0;
    for (let i = 0; i < bad.line - 1; i += 1) start += lines[i]!.length + 1;
    el.focus();
    el.setSelectionRange(start, start + (lines[bad.line - 1]?.length ?? 0));
    // Scroll the selected line into view: browsers do not always do it for a programmatic selection.
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (bad.line - 3) * lineHeight);
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setText(await file.text());
      setLabel((l) => (l === '' ? file.name : l));
    } catch (e) {
      setStartError(`Could not read ${file.name}: ${errorMessage(e)}`);
    }
  };

  const start = async () => {
    setStartError(null);
    const d = readDownloadForm(values, settings.download);
    const p = processAfter ? readProcessForm(processValues) : null;
    setErrors(d.ok ? {} : d.errors);
    setProcessErrors(p && !p.ok ? p.errors : {});
    if (!d.ok || (p && !p.ok)) return;
    if (parseUrlList(text).urls === 0) {
      setStartError(
        'There is nothing to download yet: paste image addresses, one a line, starting with http:// or https://.',
      );
      return;
    }
    setStarting(true);
    try {
      const { runId } = await client.invoke('download:start', {
        urls: text,
        outDir: outDir.trim() === '' ? null : outDir.trim(),
        settings: d.settings,
        process: p && p.ok ? p.settings : null,
        label: label.trim() === '' ? null : label.trim(),
      });
      onStarted(runId);
      client
        .invoke('settings:set', {
          download: d.settings,
          ...(p && p.ok ? { downloadProcess: p.settings } : {}),
        })
        .then(onSettings, () => undefined);
    } catch (e) {
      setStartError(`The download did not start: ${errorMessage(e)}`);
    } finally {
      setStarting(false);
    }
  };

  const formRead = readDownloadForm(values, settings.download);
  const setConcurrency = (c: number) => setValues((v) => ({ ...v, concurrency: String(c) }));
  const tune = useDownloadTune(setConcurrency, onSettings);
  const set = <K extends keyof typeof values>(k: K, v: DownloadFormValues[K]) =>
    setValues({ ...values, [k]: v });
  return (
    <form
      className="screen-inner"
      aria-label="Download images"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <div className="screen-head">
        <h1>Download images</h1>
        <span className="sub">
          Many at once: waiting on the network needs concurrency, not more processes.
        </span>
      </div>
      <div className="process-layout">
        <div className="panel">
          <div className="row">
            <label htmlFor="url-list" className="grow">
              <h2>Image addresses, one a line</h2>
            </label>
            <button type="button" onClick={() => fileInput.current?.click()}>
              Open list…
            </button>
          </div>
          <textarea
            id="url-list"
            ref={textarea}
            rows={16}
            value={text}
            spellCheck={false}
            autoComplete="off"
            wrap="off"
            placeholder={
              'https://images.example.com/photo-1542281286-9e0a16bb7366.jpg\nhttps://images.example.com/beach.png\n# lines starting with # are ignored'
            }
            aria-describedby="url-help"
            onChange={(e) => setText(e.target.value)}
          />
          <p id="url-help" className="muted">
            Blank lines and lines starting with # are ignored. Only http:// and https:// addresses
            are fetched; the same address twice is fetched once.
          </p>
          <UrlCheckSummary list={list} onJump={jump} />
          <TuneCharts latest={tune.latest} kind="download" both />
        </div>
        <div className="panel sticky-panel">
          <h2>Settings</h2>
          <div className="fields">
            <TextField
              label="Downloads at once"
              value={values.concurrency}
              onChange={(v) => set('concurrency', v)}
              inputMode="numeric"
              hint="8 is polite to most servers."
              error={errors.concurrency}
            />
            <TextField
              label="Retries"
              value={values.retries}
              onChange={(v) => set('retries', v)}
              inputMode="numeric"
              hint="On network errors, 429 and 5xx."
              error={errors.retries}
            />
            <TextField
              label="Timeout (seconds)"
              value={values.timeoutSeconds}
              onChange={(v) => set('timeoutSeconds', v)}
              inputMode="decimal"
              hint="Per attempt, including a stalled body."
              error={errors.timeoutSeconds}
            />
            <TextField
              label="Largest file (MB)"
              value={values.maxMegabytes}
              onChange={(v) => set('maxMegabytes', v)}
              inputMode="decimal"
              hint="Bigger files are stopped and reported."
              error={errors.maxMegabytes}
            />
            <TextField
              label="Longest time per file (seconds)"
              value={values.maxTimeSeconds}
              onChange={(v) => set('maxTimeSeconds', v)}
              inputMode="decimal"
              hint="Every attempt and wait included; no server can stretch it."
              error={errors.maxTimeSeconds}
            />
            <TextField
              label="Lowest speed (KiB/s)"
              value={values.minSpeedKib}
              onChange={(v) => set('minSpeedKib', v)}
              inputMode="decimal"
              hint="Slower than this for 10 seconds (or the timeout, if longer): stopped, tried once more. 0 for none."
              error={errors.minSpeedKib}
            />
            <SelectField
              label="A file of that name is already there"
              value={values.existing}
              onChange={(v) => set('existing', v)}
              options={EXISTING_CHOICES}
            />
          </div>
          <DownloadTune
            tune={tune}
            urls={text}
            urlCount={list.urls}
            settings={formRead.ok ? formRead.settings : null}
            onConcurrency={setConcurrency}
          />
          <TextField
            label="Save to folder"
            value={outDir}
            onChange={setOutDir}
            placeholder="a new folder in the app's data folder"
            hint={`Empty: a new folder under ${settings.dataDir}.`}
          />
          <TextField
            label="Label (optional)"
            value={label}
            onChange={setLabel}
            placeholder="shown in History"
          />
          <label className="choice">
            <input
              type="checkbox"
              checked={processAfter}
              onChange={(e) => setProcessAfter(e.target.checked)}
            />
            <span>
              <strong>Process after download</strong>
              <br />
              <span className="muted">
                Each photo goes to the workers as soon as it is saved, so downloading and processing
                overlap.
              </span>
            </span>
          </label>
          {processAfter ? (
            <fieldset>
              <legend>Processing</legend>
              <ProcessSettingsFields
                values={processValues}
                errors={processErrors}
                cores={settings.cores}
                onChange={setProcessValues}
              />
            </fieldset>
          ) : null}
          {startError ? <ErrorBanner>{startError}</ErrorBanner> : null}
          <button type="submit" className="primary big" disabled={starting || !online}>
            {starting
              ? 'Starting…'
              : list.urls > 0
                ? `Download ${plural(list.urls, 'image')}`
                : 'Download'}
          </button>
        </div>
      </div>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".txt,.csv,.list,text/plain"
        onChange={(e) => {
          void loadFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </form>
  );
}
