/**
 * `sweep`, `estimate` and `compare`'s exports through the real CLI, on real photos, a real
 * SQLite file and real worker processes.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import { RunStore } from '../../../src/db/run-store.js';
import { createCommandService } from '../../../src/engine/command-handlers.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import type { CommandResults } from '../../../src/shared/contract.js';

const within = { timeout: 180_000 };

async function photosAndDb(count: number) {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, count, 400);
  return { root, input, db: path.join(root, 'db.sqlite') };
}

interface ShownRun {
  run: {
    id: number;
    status: string;
    wallMs: number;
    ok: number;
    inputs: string[];
    outDir: string;
    sweepId: number | null;
    estimate: { estimateMs: number | null; lowMs: number | null; highMs: number | null } | null;
  };
}

async function show(db: string, id: number): Promise<ShownRun['run']> {
  const r = await runCli(['show', String(id), '--json', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as ShownRun).run;
}

test(
  'a sweep of 1 and 2 workers: two stored runs under one sweep, speedup from their wall times',
  within,
  async () => {
    const { input, db } = await photosAndDb(10);
    const r = await runCli([
      'sweep',
      input,
      '--workers',
      '1,2',
      '--sample',
      '4',
      '--fit',
      '100x100',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const sweep = JSON.parse(r.stdout);
    assert.equal(sweep.kind, 'process');
    assert.equal(sweep.status, 'completed');
    assert.deepEqual(
      sweep.runs.map((x: { workers: number; threads: number }) => [x.workers, x.threads]),
      [
        [1, 1],
        [2, 1],
      ],
    );
    const [one, two] = await Promise.all(
      sweep.runs.map((x: { runId: number }) => show(db, x.runId)),
    );
    for (const run of [one!, two!]) {
      assert.equal(run.sweepId, sweep.sweepId);
      assert.equal(run.status, 'completed');
      assert.equal(run.ok, 4);
      // The same evenly spread sample each time, and its outputs gone with their temp folder.
      assert.deepEqual(
        run.inputs.map((p: string) => path.basename(p)),
        ['photo-000.jpg', 'photo-002.jpg', 'photo-005.jpg', 'photo-007.jpg'],
      );
      assert.equal(existsSync(run.outDir), false, `${run.outDir} was left behind`);
    }
    assert.ok(Math.abs(sweep.runs[1].speedup - one!.wallMs / two!.wallMs) < 1e-9);
    assert.ok(Math.abs(sweep.runs[1].efficiency - one!.wallMs / two!.wallMs / 2) < 1e-9);
    const fastest = one!.wallMs <= two!.wallMs ? 1 : 2;
    assert.deepEqual(sweep.best, { workers: fastest, threads: 1, concurrency: null });
    assert.equal(typeof sweep.serialFraction, 'number');
    assert.match(sweep.fit.note, /two points/);
    const store = new Database(db, { readonly: true });
    const row = store.prepare(`SELECT status, sample FROM sweeps WHERE id = ?`).get(sweep.sweepId);
    store.close();
    assert.deepEqual(row, { status: 'completed', sample: 4 });

    // Without --json: the table, the fastest, the fit in words.
    const text = await runCli(['sweep', input, '--workers', '1', '--sample', '2', '--db', db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /1 worker × 1 thread/);
    assert.match(text.stdout, /Fastest on this computer: 1 worker × 1 thread\./);
    assert.match(text.stdout, /needs at least two different worker counts/);
  },
);

test('bad sweep lists are refused in one line, exit 2, and nothing is stored', within, async () => {
  const { input, db } = await photosAndDb(2);
  const cases: [string[], RegExp][] = [
    [
      ['--workers', '0,2'],
      /--workers must be a comma-separated list of whole numbers from 1 to \d+/,
    ],
    [['--workers', '1,x'], /--workers must be a comma-separated list/],
    [['--workers', '65'], /--workers must be .* to 64/],
    [['--workers', '1,1'], /lists a value twice/],
    [['--workers', '1,2,3,4,5,6,7,8,9'], /9 combinations is too many for one sweep \(at most 8\)/],
    [['--workers', '1,2,3', '--threads', '1,2,4'], /9 combinations is too many/],
    [['--sample', '0'], /--sample must be a whole number from 1/],
    [['--concurrency', '4'], /--concurrency only applies to a URL sweep/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['sweep', input, ...args, '--db', db]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const urls = await runCli(['sweep', '--urls', path.join(input, 'nope.txt'), '--db', db]);
  assert.equal(urls.code, 2);
  assert.match(urls.stderr, /the URL list could not be read \(there is no such file\)/);
  assert.equal(
    existsSync(db) ? new Database(db).prepare('SELECT count(*) FROM runs').pluck().get() : 0,
    0,
  );
});

test(
  'a sweep cancelled midway keeps the combinations it finished, marked partial',
  within,
  async () => {
    const { input, db } = await photosAndDb(12);
    const cli = startCli([
      'sweep',
      input,
      '--workers',
      '1,2',
      '--sample',
      '12',
      '--blur',
      '20',
      '--db',
      db,
    ]);
    await waitForStderr(cli.child, /sweep combination 2/);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.code, 130, r.stderr);
    const store = new Database(db, { readonly: true });
    const runs = store.prepare(`SELECT status, sweep_id FROM runs ORDER BY id`).all();
    const sweep = store.prepare(`SELECT status, finished_at FROM sweeps`).get() as {
      status: string;
      finished_at: string | null;
    };
    store.close();
    assert.deepEqual(runs, [
      { status: 'completed', sweep_id: 1 },
      { status: 'cancelled', sweep_id: 1 },
    ]);
    assert.equal(sweep.status, 'partial');
    assert.notEqual(sweep.finished_at, null);
  },
);

test(
  'estimate: from two past runs of the same photos, within its own range; stored on the next run',
  within,
  async () => {
    const { root, input, db } = await photosAndDb(6);
    const none = await runCli(['estimate', input, '--fit', '100x100', '--json', '--db', db]);
    assert.equal(none.code, 1);
    const empty = JSON.parse(none.stdout);
    assert.equal(empty.images, 6);
    assert.ok(empty.megapixels > 0);
    assert.equal(empty.estimateMs, null);
    assert.match(
      empty.reason,
      /no finished process run on this machine yet: run `photobatch sweep` once/,
    );

    const walls: number[] = [];
    for (const n of [1, 2]) {
      const out = path.join(root, `out${n}`);
      const r = await runCli([
        'process',
        input,
        '--out',
        out,
        '--fit',
        '100x100',
        '--workers',
        '2',
        '--json',
        '--db',
        db,
      ]);
      assert.equal(r.code, 0, r.stderr);
      walls.push(JSON.parse(r.stdout).wallMs);
    }
    const r = await runCli([
      'estimate',
      input,
      '--fit',
      '100x100',
      '--workers',
      '2',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.basedOnRuns, 2);
    assert.deepEqual(e.basedOnRunIds, [2, 1]);
    // Same photos, same settings: the prediction is the runs' median, the range their spread widened.
    const [lo, hi] = [Math.min(...walls), Math.max(...walls)];
    assert.equal(e.estimateMs, Math.round((walls[0]! + walls[1]!) / 2));
    assert.equal(e.lowMs, Math.round(lo * 0.8));
    assert.equal(e.highMs, Math.round(hi * 1.25));
    assert.ok(e.lowMs <= e.estimateMs && e.estimateMs <= e.highMs);

    const other = await runCli([
      'estimate',
      input,
      '--pipeline',
      'exact',
      '--fit',
      '100x100',
      '--db',
      db,
    ]);
    assert.equal(other.code, 1);
    assert.match(other.stdout, /No estimate: no past run with the exact pipeline on this machine/);

    // A third run stores the estimate it started with, and `show` puts it beside what happened.
    const third = await runCli([
      'process',
      input,
      '--out',
      path.join(root, 'out3'),
      '--fit',
      '100x100',
      '--workers',
      '2',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(third.code, 0, third.stderr);
    const run = await show(db, JSON.parse(third.stdout).runId);
    assert.equal(run.estimate?.estimateMs, e.estimateMs);
    const shown = await runCli(['show', String(run.id), '--db', db]);
    assert.match(shown.stdout, /estimate {2}about .* from 2 past runs\); took /);

    const emptyDir = path.join(root, 'nothing');
    await import('node:fs/promises').then((fs) => fs.mkdir(emptyDir));
    await writeFile(path.join(emptyDir, 'readme.txt'), 'no photos here');
    const noImages = await runCli(['estimate', emptyDir, '--db', db]);
    assert.equal(noImages.code, 1);
    assert.match(noImages.stderr, /no images found in /);
  },
);

test(
  'compare exports: CSV, Markdown and one self-contained HTML file with every run',
  within,
  async () => {
    const { root, input, db } = await photosAndDb(4);
    const ids: number[] = [];
    for (const workers of ['1', '2']) {
      const r = await runCli([
        'process',
        input,
        '--out',
        path.join(root, `o${workers}`),
        '--workers',
        workers,
        '--label',
        `<b>${workers}</b>`,
        '--json',
        '--db',
        db,
      ]);
      assert.equal(r.code, 0, r.stderr);
      ids.push(JSON.parse(r.stdout).runId);
    }
    const csv = await runCli(['compare', ...ids.map(String), '--csv', '--db', db]);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^run_id,baseline,label,kind,/);
    assert.deepEqual(
      lines.slice(1).map((l) => Number(l.split(',')[0])),
      ids,
    );

    const md = await runCli(['compare', ...ids.map(String), '--markdown', '--db', db]);
    assert.equal(md.code, 0);
    for (const id of ids) assert.match(md.stdout, new RegExp(`^\\| ${id}\\*? \\|`, 'm'));
    assert.match(md.stdout, /the baseline\./);

    const file = path.join(root, 'compare.html');
    const html = await runCli(['compare', ...ids.map(String), '--html', file, '--db', db]);
    assert.equal(html.code, 0, html.stderr);
    const page = await readFile(file, 'utf8');
    assert.doesNotMatch(page, /<script|<b>/i);
    assert.match(page, /&lt;b&gt;1&lt;\/b&gt;/);
    for (const id of ids) assert.match(page, new RegExp(`Timeline of run ${id}`));

    const again = await runCli(['compare', ...ids.map(String), '--html', file, '--db', db]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /compare\.html: the file exists; pass --force to replace it/);
    await writeFile(file, 'old');
    const forced = await runCli([
      'compare',
      ...ids.map(String),
      '--html',
      file,
      '--force',
      '--db',
      db,
    ]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(await readFile(file, 'utf8'), /^<!doctype html>/);
    const both = await runCli(['compare', ...ids.map(String), '--csv', '--json', '--db', db]);
    assert.equal(both.code, 2);
  },
);

test(
  'inputs:estimate answers the window before Start: images, estimate and the sweep’s recommendation',
  within,
  async () => {
    const { root, input, db } = await photosAndDb(6);
    const before = await estimateCommand(db, input);
    assert.deepEqual(
      [before.images, before.estimate.estimateMs, before.recommendation],
      [6, null, null],
    );
    const sweep = await runCli([
      'sweep',
      input,
      '--workers',
      '1,2',
      '--sample',
      '3',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(sweep.code, 0, sweep.stderr);
    const runs = JSON.parse(sweep.stdout).runs as { workers: number; itemsPerSecond: number }[];
    const after = await estimateCommand(db, input, 2);
    const best = runs.reduce((a, b) => (b.itemsPerSecond > a.itemsPerSecond ? b : a));
    assert.equal(after.recommendation?.workers, best.workers);
    assert.equal(after.recommendation?.sweepId, JSON.parse(sweep.stdout).sweepId);
    // The sweep's 2-worker run is history for a 2-worker estimate, scaled from 3 photos to 6.
    assert.equal(after.estimate.basedOnRunIds.length, 1);
    assert.equal(after.estimate.reason, null);
    const nothing = await estimateCommand(db, path.join(root, 'missing'));
    assert.equal(nothing.images, 0);
    assert.match(nothing.estimate.reason ?? '', /no such file or folder/);
  },
);

async function estimateCommand(db: string, input: string, workers?: number) {
  const store = RunStore.open(db);
  try {
    const service = createCommandService({
      store,
      hostFactory: forkHostFactory,
      dataDir: path.dirname(db),
      emit: () => {},
      host: {
        kind: 'web',
        pickFolder: async () => null,
        openFolder: async () => false,
        uploadLimits: null,
      },
    });
    const outcome = await service.dispatch('inputs:estimate', {
      inputs: [input],
      settings: workers ? { workers } : {},
    });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return outcome.value as CommandResults['inputs:estimate'];
  } finally {
    store.close();
  }
}
