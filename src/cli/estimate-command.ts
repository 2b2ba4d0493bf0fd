/** `photobatch estimate <input>... [process options] [--json]`: how long would it take here? */
import os from 'node:os';
import { estimateInputs } from '../engine/estimate-inputs.js';
import type { InputsEstimate } from '../engine/estimate-inputs.js';
import { NoImagesError } from '../engine/collect-images.js';
import { formatCount, formatDuration, formatNumber } from '../shared/format-figures.js';
import { CliUsageError, EXIT, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { openStore } from './open-store.js';
import { parseCommandLine } from './parse-command-line.js';
import { PROCESS_OPTIONS, processSettingsFrom } from './process-options.js';
import { ESTIMATE_USAGE } from './usage.js';
import { presetFromOption } from './preset-option.js';

const { out: _out, label: _label, ...ESTIMATE_OPTIONS } = PROCESS_OPTIONS;

/** Runs the command; returns the exit status (1 when there is no estimate to give). */
export async function estimateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, ESTIMATE_OPTIONS);
  if (values.help) {
    io.stdout.write(`${ESTIMATE_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new CliUsageError('name at least one input folder or image');
  const settings = processSettingsFrom(
    values,
    await presetFromOption(values.preset, io, values.db),
  );
  const store = openStore(io, values.db);
  let estimate: InputsEstimate;
  try {
    estimate = await estimateInputs(positionals, settings, store);
  } catch (error) {
    // No images is an answer, not a usage mistake: said in one line, exit 1.
    if (!(error instanceof NoImagesError)) throw error;
    io.stderr.write(`photobatch estimate: ${error.message}\n`);
    return EXIT.itemsFailed;
  } finally {
    store.close();
  }
  if (values.json) printJson(io, estimate);
  else io.stdout.write(estimateReport(estimate, settings.workers));
  return estimate.estimateMs === null ? EXIT.itemsFailed : EXIT.ok;
}

/** The estimate for people: "About 1 min 20 s with 2 workers (from 6 past runs)". */
export function estimateReport(e: InputsEstimate, workers: number): string {
  const what = `${formatCount(e.images)} image${e.images === 1 ? '' : 's'}, ${formatNumber(e.megapixels)} megapixels`;
  if (e.estimateMs === null) return `${what}.\nNo estimate: ${e.reason}.\n`;
  const cores = os.availableParallelism();
  const note = workers > cores ? ` (this computer has ${cores} cores)` : '';
  return (
    `${what}.\nAbout ${formatDuration(e.estimateMs)} with ${workers} worker${workers === 1 ? '' : 's'}${note}` +
    ` (likely ${formatDuration(e.lowMs)} to ${formatDuration(e.highMs)}; from ${e.basedOnRuns} past run${e.basedOnRuns === 1 ? '' : 's'}: ${e.basedOnRunIds.join(', ')}).\n`
  );
}
