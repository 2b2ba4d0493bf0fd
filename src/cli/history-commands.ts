/** `photobatch runs`, `show` and `compare`: reading the history the desktop app shares. */
import { comparisonCsv } from '../shared/compare-export/compare-csv.js';
import { comparisonHtml } from '../shared/compare-export/compare-html.js';
import { comparisonMarkdown } from '../shared/compare-export/compare-markdown.js';
import { compareRuns } from '../shared/compare-runs.js';
import { comparisonVerdict, differenceNote } from '../shared/comparison-rows.js';
import { explainComparison } from '../shared/explain-comparison.js';
import { RUN_KINDS, RUN_STATUSES } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import { CliUsageError, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { openStore } from './open-store.js';
import { choiceOption, intOption, parseCommandLine, runIdArgument } from './parse-command-line.js';
import { comparisonTable, runDetails, runsTable } from './run-tables.js';
import { writeNewFile } from './write-new-file.js';
import { terminalText } from './terminal-text.js';

function withStore<T>(io: CliIo, db: string | undefined, use: (store: RunStore) => T): T {
  const store = openStore(io, db);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** `photobatch runs [--limit N] [--kind K] [--status S] [--json]` */
export async function runsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, {
    limit: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string' },
  });
  const limit = intOption('limit', values.limit, 1, 100_000) ?? 20;
  const kind = choiceOption('kind', values.kind, RUN_KINDS);
  const status = choiceOption('status', values.status, RUN_STATUSES);
  const runs = withStore(io, values.db, (store) =>
    store.listRuns({ limit, ...(kind ? { kind } : {}), ...(status ? { status } : {}) }),
  );
  if (values.json) {
    printJson(io, { runs });
    return 0;
  }
  if (runs.length === 0) {
    io.stdout.write('No runs yet. Try: photobatch process <folder> --out <folder>\n');
    return 0;
  }
  io.stdout.write(runsTable(runs));
  return 0;
}

/** `photobatch show <run-id> [--json]` */
export async function showCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {});
  const runId = runIdArgument(positionals[0]);
  const found = withStore(io, values.db, (store) => {
    const run = store.getRun(runId);
    return run ? { run, items: store.listItems(runId) } : null;
  });
  if (!found) throw new CliUsageError(`there is no run ${runId}`);
  if (values.json) {
    printJson(io, { ...found, machines: found.run.machines ?? [] });
    return 0;
  }
  io.stdout.write(runDetails(found.run, found.items));
  return 0;
}

/**
 * `photobatch compare <run-id> <run-id>... [--json | --csv | --markdown | --html FILE [--force]]`
 * — the first run is the baseline.
 */
export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    csv: { type: 'boolean' },
    markdown: { type: 'boolean' },
    html: { type: 'string' },
    force: { type: 'boolean' },
  });
  const formats = (['json', 'csv', 'markdown', 'html'] as const).filter(
    (f) => values[f] !== undefined && values[f] !== false,
  );
  if (formats.length > 1)
    throw new CliUsageError(`choose one of --${formats.join(', --')}: they print different things`);
  if (values.force && values.html === undefined)
    throw new CliUsageError('--force only applies with --html FILE');
  if (positionals.length === 0)
    throw new CliUsageError('name two or more run ids (the first is the baseline)');
  const ids = positionals.map((p) => runIdArgument(p));
  const loaded = withStore(io, values.db, (store) =>
    ids.map((id) => {
      const run = store.getRun(id);
      if (!run) throw new CliUsageError(`there is no run ${id}`);
      return { run, items: store.listItems(id) };
    }),
  );
  const comparison = compareRuns(loaded, ids[0]);
  if (values.json) {
    printJson(io, { baselineId: comparison.baselineId, runs: comparison.runs });
    return 0;
  }
  if (values.csv) {
    io.stdout.write(comparisonCsv(comparison));
    return 0;
  }
  if (values.markdown) {
    io.stdout.write(comparisonMarkdown(comparison));
    return 0;
  }
  if (values.html !== undefined) {
    const html = comparisonHtml(comparison, new Date().toISOString());
    const written = await writeNewFile(values.html, html, values.force === true);
    io.stdout.write(`Wrote the comparison of runs ${ids.join(', ')} to ${written}\n`);
    return 0;
  }
  io.stdout.write(comparisonTable(comparison));
  io.stdout.write(`${comparisonVerdict(comparison)}\n`);
  for (const line of explainComparison(comparison)) io.stdout.write(`${line}\n`);
  for (const d of comparison.differences)
    io.stdout.write(`${terminalText(differenceNote(d.text))}\n`);
  return 0;
}
