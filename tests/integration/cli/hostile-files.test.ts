/**
 * Files and folders a hostile user would try, through the real CLI: an output folder that is a
 * file or under /proc, links to `/` and /proc inside an input, names that differ only in case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { folderOfPhotos, realPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { runCli } from '../../helpers/cli.js';

async function storedRuns(db: string): Promise<unknown[]> {
  if (!existsSync(db)) return [];
  return JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout).runs;
}

async function photosFolder(count = 2) {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, count, 300);
  return { root, input, db: path.join(root, 'runs.db') };
}

test('--out a regular file, or a path through one: exit 2 naming it, no run left behind', async () => {
  const { root, input, db } = await photosFolder();
  const file = path.join(root, 'not-a-folder');
  await writeFile(file, 'x');
  const direct = await runCli(['process', input, '--out', file, '--db', db]);
  assert.equal(direct.code, 2);
  assert.equal(direct.stderr.trim().split('\n').length, 1, direct.stderr);
  assert.match(direct.stderr, /the output folder .*not-a-folder is a file, not a folder/i);
  const through = await runCli(['process', input, '--out', path.join(file, 'sub'), '--db', db]);
  assert.equal(through.code, 2);
  assert.match(through.stderr, /cannot be made: .*not-a-folder is a file, not a folder/);
  assert.deepEqual(await storedRuns(db), []);
});

test('--out under /proc, /sys or /dev fails at once in words, with no run stored', async () => {
  const { input, db } = await photosFolder();
  for (const out of ['/proc/photobatch-x/y', '/proc/self/x', '/sys/x', '/dev/photobatch-x']) {
    const r = await runCli(['process', input, '--out', out, '--db', db]);
    assert.equal(r.code, 2, `${out}: ${r.stderr}`);
    assert.match(r.stderr, /running system's own files/);
  }
  assert.ok(!existsSync('/dev/photobatch-x'), 'nothing was made under /dev');
  assert.deepEqual(await storedRuns(db), []);
});

test('links to /, /proc and /dev/shm inside an input are not followed, and the run says so', async () => {
  const { root, input, db } = await photosFolder(1);
  await symlink('/', path.join(input, 'whole-disk'));
  await symlink('/proc', path.join(input, 'proc'));
  await symlink('/proc/kmsg', path.join(input, 'kmsg.jpg'));
  await symlink('/dev/shm', path.join(input, 'shm'));
  const elsewhere = path.join(root, 'elsewhere');
  await folderOfPhotos(elsewhere, 1, 300);
  await symlink(elsewhere, path.join(input, 'linked'));
  const r = await runCli(['process', input, '--out', path.join(root, 'out'), '--json', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  // The photo and the one behind an ordinary link on the same disk; nothing from / or /proc.
  assert.equal(summary.items.ok, 2);
  assert.equal(summary.items.total, 6);
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  const reasons = new Map<string, string>(
    shown.items.map((i: { source: string; error: string | null }) => [
      path.basename(i.source),
      i.error ?? '',
    ]),
  );
  assert.match(reasons.get('whole-disk')!, /holds this input itself; not followed/);
  assert.match(reasons.get('proc')!, /another file system \(\/proc\), not followed/);
  assert.match(reasons.get('shm')!, /another file system \(\/dev\/shm\), not followed/);
  assert.match(reasons.get('kmsg.jpg')!, /a link into \/proc/);
});

test('a typed /proc/self is not scanned', async () => {
  const { root, db } = await photosFolder(1);
  const r = await runCli([
    'process',
    '/proc/self',
    '--out',
    path.join(root, 'out'),
    '--json',
    '--db',
    db,
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).items, { total: 1, ok: 0, failed: 0, skipped: 1 });
});

test('names that differ only in case are all processed on a case-sensitive output folder', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await mkdir(input);
  const [photo] = await realPhotos(1, 300);
  for (const name of ['Case.jpg', 'case.jpg', 'CASE.JPG'])
    await copyFile(photo!, path.join(input, name));
  const out = path.join(root, 'out');
  const r = await runCli(['process', input, '--out', out, '--json', '--db', path.join(root, 'db')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).items.ok, 3);
  assert.deepEqual(filesUnder(out), ['CASE.JPG', 'Case.jpg', 'case.jpg']);
});

// Control bytes other than the newline that ends each line.
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

test('names with escape sequences are quoted in progress, summary, show and runs; --json keeps them exact', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await mkdir(input);
  const [photo] = await realPhotos(1, 300);
  const forged = 'x\x1b[2J\x1b]0;pwned\x07\nrun 1 completed: 99 ok.jpg';
  const html = 'evil\x1b[31m.jpg';
  await copyFile(photo!, path.join(input, forged));
  await writeFile(path.join(input, html), '<html><body>not a photo</body></html>');
  const db = path.join(root, 'db');
  const label = 'lab\x1b[1mel';
  const plain = await runCli([
    'process',
    input,
    '--out',
    path.join(root, 'out'),
    '--label',
    label,
    '--db',
    db,
  ]);
  assert.equal(plain.code, 1, plain.stderr);
  for (const text of [plain.stdout, plain.stderr]) assert.doesNotMatch(text, RAW_CONTROLS);
  assert.ok(
    !plain.stderr.split('\n').some((l) => l.startsWith('run 1 completed: 99')),
    'no forged line',
  );
  assert.match(plain.stdout, /\/evil'\$'\\033''\[31m\.jpg': not an image/);
  for (const args of [['show', '1'], ['runs']]) {
    const r = await runCli([...args, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, RAW_CONTROLS, args.join(' '));
  }
  const json = JSON.parse((await runCli(['show', '1', '--json', '--db', db])).stdout);
  const sources = json.items.map((i: { source: string }) => path.basename(i.source)).sort();
  assert.deepEqual(sources, [html, forged].sort(), '--json holds the exact names');
  assert.equal(json.run.label, label);
});

test('a name that is not valid UTF-8 fails with a true message naming its bytes', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await mkdir(input);
  const [photo] = await realPhotos(1, 300);
  const bad = Buffer.concat([Buffer.from('bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.jpg')]);
  await copyFile(photo!, Buffer.concat([Buffer.from(`${input}/`), bad]));
  await copyFile(photo!, path.join(input, 'good.jpg'));
  const r = await runCli([
    'process',
    input,
    '--out',
    path.join(root, 'out'),
    '--json',
    '--db',
    path.join(root, 'db'),
  ]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.items.ok, 1);
  assert.equal(summary.failures.length, 1);
  assert.match(summary.failures[0].error, /bad\\xff\\xfe\.jpg: its name is not valid UTF-8/);
  assert.doesNotMatch(summary.failures[0].error, /does not exist/);
});

test('a 3 GB sparse file named .jpg fails in words with bounded worker memory', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await mkdir(input);
  execFileSync('truncate', ['-s', '3G', path.join(input, 'huge.jpg')]);
  const db = path.join(root, 'db');
  const r = await runCli(['process', input, '--out', path.join(root, 'out'), '--json', '--db', db]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.failures.length, 1);
  assert.match(summary.failures[0].error, /^not an image/);
  assert.doesNotMatch(summary.failures[0].error, /2 GiB|ERR_/);
  const shown = JSON.parse(
    (await runCli(['show', String(summary.runId), '--json', '--db', db])).stdout,
  );
  // Reading the file whole would take 3 GB (or fail over 2 GiB): the worker never grew near it.
  assert.ok(
    shown.run.peakRssWorkerBytes < 512 * 1024 ** 2,
    `${shown.run.peakRssWorkerBytes} bytes`,
  );
});
