// The big target of the first screen (ImageOptim, Caesium): drop a folder, or choose one.
import { useState } from 'react';
import { formatBytes, formatPercent } from '../../../../shared/format-figures.js';
import { ProgressBar } from '../../common/ProgressBar.js';
import type { InputSelection, UploadProgress } from './use-input-selection.js';
import { InputCheckSummary } from './InputCheckSummary.js';
import { checkAllowsStart, type InputCheckState } from './use-input-check.js';

function PhotosIcon({ done }: { done: boolean }) {
  return (
    <svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" className="drop-icon">
      <rect
        x="6"
        y="14"
        width="36"
        height="30"
        rx="4"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
      />
      <rect x="14" y="6" width="36" height="30" rx="4" fill="currentColor" opacity="0.14" />
      <circle cx="17" cy="24" r="3.5" fill="currentColor" />
      <path
        d="M9 41l10-9 7 6 6-5 8 8"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinejoin="round"
      />
      {done ? (
        <path
          d="M34 44l5 5 10-11"
          fill="none"
          stroke="var(--ok)"
          strokeWidth="3.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : null}
    </svg>
  );
}

export function DropZone({
  dragging,
  selection,
  check,
  upload,
  onChooseFolder,
  onChooseFiles,
  onClear,
  onTypedPath,
}: {
  dragging: boolean;
  selection: InputSelection | null;
  /** What the chosen inputs hold (the engine's scan). */
  check: InputCheckState;
  upload: UploadProgress | null;
  onChooseFolder: () => void;
  onChooseFiles: () => void;
  onClear: () => void;
  onTypedPath: (path: string) => void;
}) {
  const [typed, setTyped] = useState('');
  const uploading = upload !== null;
  return (
    <section
      className={`drop-zone${dragging ? ' dragging' : ''}${selection ? ' chosen' : ''}`}
      aria-label="Photos to process"
    >
      <PhotosIcon
        done={
          selection !== null && !uploading && check.kind === 'checked' && checkAllowsStart(check)
        }
      />
      {uploading ? (
        <div className="drop-status" aria-live="polite">
          <h2>Uploading {upload.files.toLocaleString('en-US')} files…</h2>
          <ProgressBar
            label="Upload"
            fraction={upload.totalBytes > 0 ? upload.sentBytes / upload.totalBytes : null}
            left={`${formatBytes(upload.sentBytes)} of ${formatBytes(upload.totalBytes)}`}
            right={upload.totalBytes > 0 ? formatPercent(upload.sentBytes / upload.totalBytes) : ''}
          />
        </div>
      ) : selection ? (
        <div className="drop-status" aria-live="polite">
          <h2 className="truncate" title={selection.name}>
            {selection.name}
          </h2>
          <p className="muted truncate" title={selection.detail}>
            {selection.detail}
          </p>
          <InputCheckSummary state={check} />
          <p className="muted">Drop another folder to replace it.</p>
        </div>
      ) : (
        <div className="drop-status">
          <h2>Drop a folder of photos</h2>
          <p className="muted">
            or photo files — JPEG, PNG, WebP, AVIF, TIFF, GIF. Sub-folders are included; other files
            are skipped.
          </p>
        </div>
      )}
      <div className="row center">
        <button
          className={selection ? undefined : 'primary'}
          onClick={onChooseFolder}
          disabled={uploading}
          title="Choose a folder (Ctrl+O)"
          aria-keyshortcuts="Control+O Meta+O"
        >
          Choose folder…
        </button>
        <button onClick={onChooseFiles} disabled={uploading}>
          Choose files…
        </button>
        {selection ? (
          <button onClick={onClear} disabled={uploading}>
            Clear
          </button>
        ) : null}
      </div>
      <form
        className="row center typed-path"
        onSubmit={(e) => {
          e.preventDefault();
          onTypedPath(typed);
        }}
      >
        <label htmlFor="typed-path" className="muted">
          Or type a path:
        </label>
        <input
          id="typed-path"
          type="text"
          value={typed}
          placeholder="/home/you/Pictures/Trip"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" disabled={uploading || typed.trim() === ''}>
          Use
        </button>
      </form>
    </section>
  );
}
