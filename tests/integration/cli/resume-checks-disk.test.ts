/** `resume` trusts the disk, not the database: an item is done only if its output is still there as written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { eventually, runCli, startCli, waitForStderr } from '../../helpers/cli.js';

const COUNT = 10;

const finals = (out: string) => filesUnder(out).filter((f) => f.endsWith('.jpg'));

/** A run cancelled (SIGTERM) once at least two images are finished; its id and ok count. */
async function cancelledRun() {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await folderOfPhotos(input, COUNT, 1600);
  const db = path.join(root, 'runs.db');
  const out = path.join(root, 'out');
  const cli = startCli([
    'process',
    input,
    '--out',
    out,
    '--blur',
    '25',
    '--workers',
    '2',
    '--json',
    '--db',
    db,
  ]);
  await waitForStderr(cli.child, /run \d+ \(process\) started/);
  assert.ok(await eventually(() => finals(out).length >= 2, 60_000), 'two images finished');
  cli.child.kill('SIGTERM');
  const r = await cli.done;
  assert.equal(r.code, 130, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.ok(summary.items.ok >= 2 && summary.items.ok < COUNT, `ok ${summary.items.ok}`);
  return { db, out, runId: summary.runId as number, okBefore: summary.items.ok as number };
}

test('resume after the output folder was deleted redoes every image', async () => {
  const { db, out, runId } = await cancelledRun();
  await rm(out, { recursive: true });
  const resumed = await runCli(['resume', String(runId), '--json', '--db', db]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).items.ok, COUNT, 'all redone, none trusted');
  assert.equal(finals(out).length, COUNT);
});

test('resume redoes an output that was changed since, and leaves the untouched ones', async () => {
  const { db, out, runId, okBefore } = await cancelledRun();
  const [changed] = finals(out);
  await writeFile(path.join(out, changed!), 'not what the run wrote');
  const resumed = await runCli(['resume', String(runId), '--json', '--db', db]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).items.ok, COUNT - okBefore + 1);
  assert.equal(finals(out).length, COUNT);
});
