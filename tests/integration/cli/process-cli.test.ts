/** The `photobatch` CLI end to end: exit statuses, --json, signals, interrupted runs and resume. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import {
  childPids,
  eventually,
  isAlive,
  runCli,
  startCli,
  waitForStderr,
} from '../../helpers/cli.js';

const outputsIn = filesUnder;

/** Stored runs, newest first, as `photobatch runs --json` prints them. */
async function storedRuns(db: string): Promise<{ id: number; status: string; ok: number }[]> {
  return JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout).runs;
}

/** A run slow enough to interrupt: `count` large photos, heavy blur, 2 workers, both started. */
async function startSlowRun(count: number) {
  const root = await tempDir();
  await folderOfPhotos(path.join(root, 'in'), count, 1600);
  const db = path.join(root, 'db');
  const out = path.join(root, 'out');
  const cli = startCli([
    'process',
    path.join(root, 'in'),
    '--out',
    out,
    '--blur',
    '25',
    '--workers',
    '2',
    '--db',
    db,
  ]);
  await waitForStderr(cli.child, /run \d+ \(process\) started/);
  assert.ok(await eventually(() => childPids(cli.child.pid!).length === 2), 'two workers started');
  return { ...cli, db, out, workers: childPids(cli.child.pid!) };
}

test('process --json prints exactly one JSON object with the documented fields; exit 0 when all ok', async () => {
  const root = await tempDir();
  await folderOfPhotos(path.join(root, 'in'), 3, 400);
  const db = path.join(root, 'runs.db');
  const r = await runCli([
    'process',
    path.join(root, 'in'),
    '--out',
    path.join(root, 'out'),
    '--blur',
    '2',
    '--fit',
    '200x200',
    '--format',
    'webp',
    '--label',
    'cli',
    '--json',
    '--db',
    db,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  for (const key of [
    'runId',
    'kind',
    'status',
    'label',
    'settings',
    'workers',
    'wallMs',
    'cpuMs',
    'peakRssBytes',
    'items',
    'failures',
  ]) {
    assert.ok(key in summary, `--json has ${key}`);
  }
  assert.deepEqual(summary.items, { total: 3, ok: 3, failed: 0, skipped: 0 });
  assert.equal(summary.label, 'cli');
  assert.equal(summary.settings.process.format, 'webp');
  assert.equal(
    summary.settings.process.pipeline,
    'fast',
    'fast is the default (measured ≥ 40 dB against exact)',
  );
  assert.deepEqual(outputsIn(path.join(root, 'out')), [
    'photo-000.webp',
    'photo-001.webp',
    'photo-002.webp',
  ]);

  assert.equal((await storedRuns(db)).length, 1);
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  assert.equal(shown.items.length, 3);
  const compared = JSON.parse(
    (await runCli(['compare', String(summary.runId), String(summary.runId), '--json', '--db', db]))
      .stdout,
  );
  assert.equal(compared.runs[1].speedup, 1);

  // The same records for people: a history table and a comparison table.
  const table = (await runCli(['runs', '--db', db])).stdout;
  assert.match(table, /^id\s+started\s+kind\s+status\s+label/m);
  assert.match(table, new RegExp(`^${summary.runId}\\s.*process\\s+completed\\s+cli\\s+3/3`, 'm'));
  const comparison = (
    await runCli(['compare', String(summary.runId), String(summary.runId), '--db', db])
  ).stdout;
  assert.match(comparison, /speedup\s+efficiency\s+p50\s+p95\s+peak mem/);
  assert.match(comparison, /1\.00x\s+100%/);
});

test('exit 1 when some items failed, each failure naming the file and saying why', async () => {
  const root = await tempDir();
  await folderOfPhotos(path.join(root, 'in'), 2, 300);
  await writeFile(
    path.join(root, 'in', 'holiday.jpg'),
    '<!doctype html><html><body>not a photo</body></html>',
  );
  const r = await runCli([
    'process',
    path.join(root, 'in'),
    '--out',
    path.join(root, 'out'),
    '--json',
    '--db',
    path.join(root, 'db'),
  ]);
  assert.equal(r.code, 1);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.items.failed, 1);
  assert.equal(summary.failures[0].source, path.join(root, 'in', 'holiday.jpg'));
  assert.match(summary.failures[0].error, /not an image.*HTML/i);
  assert.match(r.stderr, /holiday\.jpg/);
});

test('bad usage exits 2 with a one-line reason', async () => {
  const root = await tempDir();
  const db = ['--db', path.join(root, 'db')];
  const cases: [string[], RegExp][] = [
    [['process', root], /--out/],
    [['process', root, '--out', path.join(root, 'o'), '--fit', 'big'], /--fit/],
    [['process', root, '--out', path.join(root, 'o'), '--workers', '0'], /--workers/],
    [['process', root, '--out', path.join(root, 'o'), '--frobnicate'], /frobnicate/],
    [
      ['process', path.join(root, 'missing'), '--out', path.join(root, 'o')],
      /missing: no such file or folder/,
    ],
    [['show', '999'], /no run 999/],
    [['nonsense'], /unknown command/],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCli([...args, ...db]);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  }
});

test("--version, -V and version print the package version and Node's, exit 0", async () => {
  const manifest = JSON.parse(
    readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  for (const spelling of ['--version', '-V', 'version']) {
    const r = await runCli([spelling]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `photobatch ${manifest.version} (node ${process.version})\n`);
  }
});

test('SIGINT cancels: exit 130, stored as cancelled, no temp files, no workers left', async () => {
  const { child, done, db, out, workers } = await startSlowRun(12);
  child.kill('SIGINT');
  const r = await done;
  assert.equal(r.code, 130, r.stderr);
  assert.ok(await eventually(() => workers.every((pid) => !isAlive(pid))), 'no worker left behind');
  assert.deepEqual(
    outputsIn(out).filter((f) => f.endsWith('.tmp')),
    [],
  );
  assert.equal((await storedRuns(db))[0]!.status, 'cancelled');
});

test('SIGKILL of the CLI: workers leave by themselves, the run shows as interrupted, resume finishes it', async () => {
  const { child, done, db, out, workers } = await startSlowRun(10);
  // Let at least one image finish, so resume has something to leave alone.
  assert.ok(
    await eventually(
      () => outputsIn(out).some((f) => f.endsWith('.jpg') && !f.startsWith('.')),
      30_000,
    ),
    'an image was finished before the kill',
  );
  child.kill('SIGKILL');
  await done;
  assert.ok(
    await eventually(() => workers.every((pid) => !isAlive(pid))),
    'workers exit when their parent dies',
  );

  const [interrupted] = await storedRuns(db);
  assert.equal(interrupted!.status, 'interrupted');
  const firstId = interrupted!.id;
  const doneBefore = interrupted!.ok;

  const resumed = await runCli(['resume', String(firstId), '--json', '--db', db]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const summary = JSON.parse(resumed.stdout);
  assert.equal(summary.items.ok, 10 - doneBefore, 'only the images not yet done');
  const finals = outputsIn(out);
  assert.equal(finals.filter((f) => f.endsWith('.jpg')).length, 10);
  assert.deepEqual(
    finals.filter((f) => f.endsWith('.tmp')),
    [],
    'stray temp files cleaned',
  );
  const after = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  assert.equal(after.run.resumedFrom, firstId);
});

test('a database locked by another program when the run starts: one line naming the file, exit 1, no stack', async () => {
  const root = await tempDir();
  await folderOfPhotos(path.join(root, 'in'), 1, 300);
  const db = path.join(root, 'runs.db');
  assert.equal((await runCli(['runs', '--db', db])).code, 0, 'the database exists');
  const holder = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../../unit/db/fixtures/hold-write-lock.ts', import.meta.url)),
      db,
      'until-told',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
  try {
    const r = await runCli([
      'process',
      path.join(root, 'in'),
      '--out',
      path.join(root, 'out'),
      '--db',
      db,
    ]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0]!,
      /^photobatch process: the database .*runs\.db is locked by another program/,
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    holder.stdin!.write('go\n');
    await new Promise((resolve) => holder.once('exit', resolve));
  }
});
