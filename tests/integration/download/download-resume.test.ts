/**
 * Resume of a download run killed with SIGKILL: the new run, linked to the old one, fetches only
 * the URLs whose file was not saved, into the same folder; nothing saved is fetched again.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir } from '../../helpers/real-photos.js';
import Database from 'better-sqlite3';

/** Items the history holds so far, read without disturbing the writer. */
function recordedItems(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return conn.prepare('SELECT count(*) FROM items').pluck().get() as number;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

let server: ImageServer;
let root: string;
/** While closed, /gate/… answers headers and then nothing; once open, a JPEG. */
let gateOpen = false;

before(async () => {
  server = await startImageServer();
  root = await tempDir('photobatch-resume-');
  server.route('gate', (_req, res) => {
    if (gateOpen) {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': server.jpeg.length });
      res.end(server.jpeg);
    } else {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': server.jpeg.length });
      res.write(server.jpeg.subarray(0, 50));
    }
  });
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

test('resume of a download run killed by SIGKILL fetches only what was not saved', async () => {
  const dir = path.join(root, 'killed');
  await mkdir(dir, { recursive: true });
  const db = path.join(dir, 'db');
  const out = path.join(dir, 'out');
  const list = path.join(dir, 'urls.txt');
  const plain = Array.from({ length: 12 }, (_, i) => `/img/kill/p${i}.jpg`);
  const gated = Array.from({ length: 4 }, (_, i) => `/gate/kill/g${i}.jpg`);
  // Two plain ones are saved, then the gated ones hold every lane, so the rest never start.
  await writeFile(
    list,
    [...plain.slice(0, 2), ...gated, ...plain.slice(2)].map((p) => server.url(p)).join('\n'),
  );
  const cli = startCli([
    'download',
    list,
    '--out',
    out,
    '--concurrency',
    '4',
    '--timeout',
    '120',
    '--db',
    db,
  ]);
  await waitForStderr(cli.child, /run \d+ \(download\) started/);
  assert.ok(
    await eventually(
      () =>
        gated.every((p) => server.hits(p) === 1) &&
        readdirSync(out).filter((n) => n.startsWith('p')).length === 2,
    ),
  );
  // Every URL is in the history before the kill (the writer batches its rows): a run killed
  // before that has nothing to resume from, and says so (checked below).
  assert.ok(await eventually(() => recordedItems(db) === plain.length + gated.length));
  cli.child.kill('SIGKILL');
  await cli.done;

  const runs = JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout);
  const old = runs.runs[0];
  assert.equal(old.status, 'interrupted');
  gateOpen = true;
  const r = await runCli(['resume', String(old.id), '--json', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.kind, 'download');
  // The last saves may not have reached the store before the kill; those files are on disk and
  // are kept without a request (skipped), never fetched again as p0-1.jpg.
  assert.equal(summary.items.ok + summary.items.skipped, summary.items.total);
  assert.equal(summary.items.failed, 0);
  assert.ok(summary.items.ok >= 14, 'every URL not saved was fetched');
  for (const p of plain.slice(0, 2)) assert.equal(server.hits(p), 1, `${p} fetched once`);
  const names = readdirSync(out).sort();
  assert.equal(names.length, 16, names.join(' '));
  assert.ok(!names.some((n) => n.endsWith('.tmp')), 'the killed run’s temps are gone');
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  assert.equal(shown.run?.resumedFrom ?? shown.resumedFrom, old.id);

  // Resuming the resumed run after it saved everything: nothing is left, said in one line.
  const again = await runCli(['resume', String(summary.runId), '--db', db]);
  assert.equal(again.code, 2, again.stderr);
  assert.match(again.stderr, /every URL was saved; nothing is left to resume/);
});

test('resume after a partial run: saved files are not fetched again, the rest are', async () => {
  const dir = path.join(root, 'partial');
  await mkdir(dir, { recursive: true });
  const db = path.join(dir, 'db');
  const out = path.join(dir, 'out');
  const list = path.join(dir, 'urls.txt');
  const good = Array.from({ length: 5 }, (_, i) => `/img/part/ok${i}.jpg`);
  const flaky = `/flaky/5/503/part/later.jpg`;
  await writeFile(list, [...good, flaky].map((p) => server.url(p)).join('\n'));
  const first = await runCli([
    'download',
    list,
    '--out',
    out,
    '--retries',
    '0',
    '--json',
    '--db',
    db,
  ]);
  assert.equal(first.code, 1, first.stderr);
  const firstRun = JSON.parse(first.stdout);
  assert.equal(firstRun.items.ok, 5);
  const hitsBefore = good.map((p) => server.hits(p));

  const r = await runCli([
    'resume',
    String(firstRun.runId),
    '--retries',
    '9',
    '--json',
    '--db',
    db,
  ]).catch(() => null);
  // --retries is not a resume option: the run keeps its own settings.
  assert.equal(r?.code, 2);
  let resumed = null;
  for (let i = 0; i < 5 && !(resumed && resumed.items.ok === 1); i++) {
    const next = await runCli([
      'resume',
      String(resumed?.runId ?? firstRun.runId),
      '--json',
      '--db',
      db,
    ]);
    resumed = JSON.parse(next.stdout);
    assert.equal(resumed.items.total, 1, 'only the URL not saved');
  }
  assert.equal(resumed!.items.ok, 1);
  assert.deepEqual(
    good.map((p) => server.hits(p)),
    hitsBefore,
    'saved files were not fetched again',
  );
  assert.deepEqual(readdirSync(out).sort(), [
    'later.jpg',
    'ok0.jpg',
    'ok1.jpg',
    'ok2.jpg',
    'ok3.jpg',
    'ok4.jpg',
  ]);
});
