// "Copy as command": the `photobatch process …` line that does what the form says, put on the
// clipboard and shown, so a script or a headless machine can repeat it. Where the clipboard is
// refused the line is shown selected, to copy by hand.
import { useState } from 'react';
import { processCommandLine } from '../../../../shared/process-command-line.js';
import type { ProcessCommandRequest } from '../../../../shared/process-command-line.js';
import { errorMessage } from '../../common/errors.js';

export function CopyCommand({
  request,
  why,
}: {
  /** The run the form describes, or null when it cannot run yet. */
  request: ProcessCommandRequest | null;
  /** Why there is no line yet (no photos chosen, a field to fix). */
  why: string;
}) {
  const [copied, setCopied] = useState<{ line: string; note: string } | null>(null);
  const line = request ? processCommandLine(request) : null;
  const copy = async () => {
    if (!line) return;
    try {
      await navigator.clipboard.writeText(line);
      setCopied({ line, note: 'Copied to the clipboard.' });
    } catch (e) {
      setCopied({
        line,
        note: `The clipboard was refused (${errorMessage(e)}): copy it from here.`,
      });
    }
  };
  // A line shown once stays in view while it is still the form's (edits make a new one).
  const shown = copied && copied.line === line ? copied : null;
  return (
    <div className="copy-command">
      <button
        type="button"
        onClick={() => void copy()}
        disabled={!line}
        title={line ? 'The same run from a terminal or a script' : why}
      >
        Copy as command
      </button>
      {shown ? (
        <>
          <span className="muted small" role="status">
            {shown.note}
          </span>
          <input
            type="text"
            readOnly
            className="command-line"
            aria-label="The command line"
            value={shown.line}
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      ) : null}
    </div>
  );
}
