/**
 * What the taskbar (Windows, Linux launchers) or Dock (macOS) shows while runs go on: a bar over
 * all active runs, red once an item has failed, paused-yellow while a cancel is being carried out,
 * cleared when the last run ends. And a system notification when a long run ends unwatched.
 */
import { Notification } from 'electron';
import type { BrowserWindow } from 'electron';
import type { AppEvent } from '../shared/contract.js';
import { formatCount, formatDuration } from '../shared/format-figures.js';
import type { RunSummary } from '../shared/records.js';

/** A run that took at least this long is worth a notification if the window is not in front. */
export const LONG_RUN_MS = 15_000;

interface RunState {
  done: number;
  total: number;
  failed: number;
  cancelling: boolean;
}

/** The bar's value and mode for a set of runs; `-1` clears it (Electron's convention). */
export function progressBarState(runs: Iterable<RunState>): {
  value: number;
  mode: 'normal' | 'error' | 'paused' | 'none';
} {
  let done = 0;
  let total = 0;
  let failed = 0;
  let cancelling = false;
  let any = false;
  for (const run of runs) {
    any = true;
    done += run.done;
    total += run.total;
    failed += run.failed;
    cancelling ||= run.cancelling;
  }
  if (!any) return { value: -1, mode: 'none' };
  const value = total > 0 ? Math.min(1, done / total) : 0;
  return { value, mode: cancelling ? 'paused' : failed > 0 ? 'error' : 'normal' };
}

/** One line for the notification: `1,204 of 1,210 images in 2 min 5 s · 3 failed`. */
export function describeFinishedRun(summary: RunSummary): { title: string; body: string } {
  const { ok, failed, total } = summary.items;
  const noun = summary.kind === 'download' ? 'file' : 'image';
  const titles: Record<RunSummary['status'], string> = {
    completed: 'Photobatch: run finished',
    cancelled: 'Photobatch: run cancelled',
    failed: 'Photobatch: run failed',
    interrupted: 'Photobatch: run interrupted',
    running: 'Photobatch: run finished',
  };
  const parts = [
    `${formatCount(ok)} of ${formatCount(total)} ${noun}s in ${formatDuration(summary.wallMs)}`,
  ];
  if (failed > 0) parts.push(`${formatCount(failed)} failed`);
  if (summary.status === 'failed' && summary.error) parts.push(summary.error);
  if (summary.historyError) parts.push(summary.historyError);
  return { title: titles[summary.status], body: parts.join(' · ') };
}

/** Follows engine events and shows them on the window's taskbar entry. */
export class RunProgress {
  private readonly runs = new Map<number, RunState>();

  constructor(private readonly window: () => BrowserWindow | null) {}

  /** The user asked to cancel: show paused until the run has stopped. */
  markCancelling(runId: number): void {
    const run = this.runs.get(runId);
    if (run) run.cancelling = true;
    this.render();
  }

  onEvent(event: AppEvent): void {
    switch (event.name) {
      case 'run:started':
        this.runs.set(event.payload.run.id, {
          done: 0,
          total: event.payload.run.total,
          failed: 0,
          cancelling: false,
        });
        break;
      case 'run:progress': {
        const run = this.runs.get(event.payload.runId);
        if (!run) return;
        const { ok, failed, skipped, total } = event.payload;
        Object.assign(run, { done: ok + failed + skipped, total, failed });
        break;
      }
      case 'item:done':
        return;
      case 'run:finished':
        this.runs.delete(event.payload.summary.runId);
        this.notify(event.payload.summary);
        break;
    }
    this.render();
  }

  private render(): void {
    const window = this.window();
    if (!window || window.isDestroyed()) return;
    const { value, mode } = progressBarState(this.runs.values());
    window.setProgressBar(value, { mode });
  }

  private notify(summary: RunSummary): void {
    const window = this.window();
    if (
      (summary.wallMs ?? 0) < LONG_RUN_MS ||
      (window && !window.isDestroyed() && window.isFocused())
    )
      return;
    if (!Notification.isSupported()) return;
    const notification = new Notification(describeFinishedRun(summary));
    notification.on('click', () => {
      if (window && !window.isDestroyed()) window.show();
    });
    notification.show();
  }
}
