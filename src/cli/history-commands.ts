/** `photobatch runs`, `show` and `compare`: reading the history the desktop app shares. */
import { compareRuns } from '../shared/compare-runs.js';
import type { RunRecord } from '../shared/records.js';
import { RUN_KINDS, RUN_STATUSES } from '../shared/records.js';
import type { RunStore } from '../db/run-store.js';
import { CliUsageError, printJson } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { formatBytes, formatDuration, formatNumber, formatTable } from './format-figures.js';
import { openStore } from './open-store.js';
import { choiceOption, intOption, parseCommandLine } from './parse-command-line.js';

function withStore<T>(io: CliIo, db: string | undefined, use: (store: RunStore) => T): T {
  const store = openStore(io, db);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

function runIdArg(text: string | undefined): number {
  if (text === undefined) throw new CliUsageError(`name a run id (see photobatch runs)`);
  return intOption('run-id', text, 1, Number.MAX_SAFE_INTEGER)!;
}

function describeSettings(run: RunRecord): string {
  const p = run.settings.process;
  const d = run.settings.download;
  const parts: string[] = [];
  if (d) parts.push(`concurrency ${d.concurrency}`);
  if (p) {
    if (p.blur !== null) parts.push(`blur ${p.blur}`);
    if (p.fit) parts.push(`fit ${p.fit.width}x${p.fit.height}`);
    parts.push(p.format, `q${p.quality}`, `${p.pipeline}`, `${p.workers}w×${p.threads}t`);
  }
  return parts.join(' ');
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
  const rows = runs.map((r) => [
    String(r.id),
    r.startedAt.replace('T', ' ').slice(0, 19),
    r.kind,
    r.status,
    r.label ?? '',
    `${r.ok}/${r.total}`,
    String(r.failed),
    formatDuration(r.wallMs),
    r.wallMs ? formatNumber(r.ok / (r.wallMs / 1000)) : '–',
    describeSettings(r),
  ]);
  io.stdout.write(
    formatTable(
      [
        'id',
        'started',
        'kind',
        'status',
        'label',
        'ok/total',
        'failed',
        'wall',
        'items/s',
        'settings',
      ],
      rows,
    ),
  );
  return 0;
}

/** `photobatch show <run-id> [--json]` */
export async function showCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {});
  const runId = runIdArg(positionals[0]);
  const found = withStore(io, values.db, (store) => {
    const run = store.getRun(runId);
    return run ? { run, items: store.listItems(runId) } : null;
  });
  if (!found) throw new CliUsageError(`there is no run ${runId}`);
  if (values.json) {
    printJson(io, found);
    return 0;
  }
  const { run, items } = found;
  const m = run.machine;
  io.stdout.write(
    [
      `run ${run.id}${run.label ? ` "${run.label}"` : ''} — ${run.kind}, ${run.status}`,
      `started   ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`,
      `inputs    ${run.inputs.join(', ')}`,
      `output    ${run.outDir}`,
      `settings  ${describeSettings(run)}${run.resumedFrom ? ` (resumes run ${run.resumedFrom})` : ''}`,
      `items     ${run.total} total: ${run.ok} ok, ${run.failed} failed, ${run.skipped} skipped`,
      `time      wall ${formatDuration(run.wallMs)}, CPU ${formatDuration(run.cpuMs)}`,
      `memory    engine ${formatBytes(run.peakRssEngineBytes)}, largest worker ${formatBytes(run.peakRssWorkerBytes)}, all ${formatBytes(run.peakRssTotalBytes)}`,
      `machine   ${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.memoryBytes)}, ${m.os}, Node ${m.node}, sharp ${m.sharp}, libvips ${m.libvips}`,
      '',
    ].join('\n'),
  );
  const notOk = items.filter((i) => i.status !== 'ok');
  for (const item of notOk.slice(0, 100))
    io.stdout.write(`  ${item.status}: ${item.source}${item.error ? `: ${item.error}` : ''}\n`);
  if (notOk.length > 100)
    io.stdout.write(`  … and ${notOk.length - 100} more (--json lists all)\n`);
  return 0;
}

/** `photobatch compare <run-id> <run-id>... [--json]` — the first run is the baseline. */
export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {});
  if (positionals.length === 0)
    throw new CliUsageError('name two or more run ids (the first is the baseline)');
  const ids = positionals.map((p) => runIdArg(p));
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
  const rows = comparison.runs.map((r) => [
    `${r.runId}${r.runId === comparison.baselineId ? '*' : ''}`,
    r.label ?? '',
    r.kind === 'download' ? 'download' : `${r.workers}w ${r.pipeline ?? ''}`,
    String(r.items),
    formatDuration(r.wallMs),
    formatNumber(r.itemsPerSecond),
    formatNumber(r.megapixelsPerSecond, 1),
    r.speedup === null ? '–' : `${r.speedup.toFixed(2)}x`,
    r.efficiency === null ? '–' : `${Math.round(r.efficiency * 100)}%`,
    formatDuration(r.p50Ms),
    formatDuration(r.p95Ms),
    formatBytes(r.peakRssBytes),
  ]);
  io.stdout.write(
    formatTable(
      [
        'run',
        'label',
        'how',
        'images',
        'wall',
        'img/s',
        'MP/s',
        'speedup',
        'efficiency',
        'p50',
        'p95',
        'peak mem',
      ],
      rows,
    ),
  );
  io.stdout.write(
    '* baseline. Speedup compares time per image, so runs of different sizes compare fairly.\n',
  );
  const machines = new Set(loaded.map((l) => `${l.run.machine.cpuModel}/${l.run.machine.cores}`));
  if (machines.size > 1) io.stdout.write('Note: these runs ran on different machines.\n');
  return 0;
}
