/**
 * The `photobatch process …` line that does what a form's settings do ("Copy as command"): the
 * window and scripts meet on the same options. Only what differs from the CLI's defaults is
 * spelled out, except the workers, which the CLI would otherwise take from the machine it runs
 * on. Parsing the line with the CLI gives the same settings back (tested), so the option names
 * and their value syntax here must stay the CLI's.
 */
import { cropText } from './operation-settings.js';
import {
  DEFAULT_LIMIT_INPUT_PIXELS,
  defaultProcessSettings,
  metadataPolicyOf,
} from './settings.js';
import type { ProcessSettings } from './settings.js';

/** What the line is for: the inputs, the output folder (the CLI needs one), settings, a label. */
export interface ProcessCommandRequest {
  inputs: readonly string[];
  outDir: string;
  settings: ProcessSettings;
  label?: string | null;
  /** Through a queue (`--queue URL`, `--local-workers N` when N > 0). */
  queue?: { url: string; localWorkers: number } | null;
}

/** The CLI's options for `settings`, as argv (no program name, no inputs). */
export function processOptionArgs(settings: ProcessSettings): string[] {
  // The defaults do not depend on the cores but for the workers, which are always written.
  const d = defaultProcessSettings(1);
  const args: string[] = [];
  const box = (b: { width: number; height: number }) => `${b.width}x${b.height}`;
  if (settings.blur !== null) args.push('--blur', String(settings.blur));
  if (settings.fit) args.push('--fit', box(settings.fit));
  if (settings.fill) args.push('--fill', box(settings.fill));
  if (settings.fill && settings.position && settings.position !== 'centre')
    args.push('--position', settings.position);
  if (settings.longEdge) args.push('--long-edge', String(settings.longEdge));
  if (settings.scale) args.push('--scale', `${settings.scale}%`);
  if (settings.crop) args.push('--crop', cropText(settings.crop));
  if (settings.rotate) args.push('--rotate', String(settings.rotate));
  if (settings.flip) args.push('--flip');
  if (settings.flop) args.push('--flop');
  if (settings.sharpen) args.push('--sharpen', String(settings.sharpen));
  if (settings.format !== d.format) args.push('--format', settings.format);
  if (settings.quality !== d.quality) args.push('--quality', String(settings.quality));
  args.push('--workers', String(settings.workers));
  if (settings.threads !== d.threads) args.push('--threads', String(settings.threads));
  if (settings.pipeline !== d.pipeline) args.push('--pipeline', settings.pipeline);
  if (metadataPolicyOf(settings) !== metadataPolicyOf(d))
    args.push('--metadata', metadataPolicyOf(settings));
  if (settings.existing !== d.existing) args.push('--existing', settings.existing);
  if (settings.limitInputPixels !== DEFAULT_LIMIT_INPUT_PIXELS)
    args.push('--max-pixels', String(settings.limitInputPixels));
  if (settings.timeoutMs !== d.timeoutMs)
    args.push('--timeout-per-image', String(settings.timeoutMs / 1000));
  if (settings.onlySmaller) args.push('--only-smaller');
  if (settings.nameTemplate) args.push('--name', settings.nameTemplate);
  return args;
}

/** The whole line's words: `photobatch process <inputs> --out DIR [options] [--label L]`. */
export function processCommandArgs(request: ProcessCommandRequest): string[] {
  const args = ['photobatch', 'process', ...request.inputs, '--out', request.outDir];
  args.push(...processOptionArgs(request.settings));
  if (request.queue) {
    args.push('--queue', request.queue.url);
    if (request.queue.localWorkers > 0)
      args.push('--local-workers', String(request.queue.localWorkers));
  }
  if (request.label) args.push('--label', request.label);
  return args;
}

/**
 * One word for a POSIX shell (sh, bash, zsh; macOS's Terminal and Linux's): as it is when it
 * holds only characters no shell treats specially, else in single quotes.
 */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The line to paste in a terminal. */
export function processCommandLine(request: ProcessCommandRequest): string {
  return processCommandArgs(request).map(shellWord).join(' ');
}
