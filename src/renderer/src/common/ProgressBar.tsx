// A progress bar that always carries numbers (no spinner without numbers, STYLE.md §9).
import type { ReactNode } from 'react';

/** `fraction` null: not known yet (the bar stays, empty, so nothing jumps when it becomes known). */
export function ProgressBar({
  fraction,
  label,
  left,
  right,
}: {
  fraction: number | null;
  label: string;
  left: ReactNode;
  right?: ReactNode;
}) {
  const pct = fraction === null ? 0 : Math.round(Math.max(0, Math.min(1, fraction)) * 1000) / 10;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{left}</span>
        {right !== undefined ? <span>{right}</span> : null}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : pct}
        aria-valuetext={
          fraction !== null ? `${pct}%` : typeof left === 'string' ? left : 'starting'
        }
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
