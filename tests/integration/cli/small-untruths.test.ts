/** The small untruths of issue 16, through the real CLI: what it says is what happened. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeAnimatedGif, writeJpeg } from '../../helpers/make-images.js';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';
import { childPids, eventually, runCli, startCli, waitForStderr } from '../../helpers/cli.js';

test('the frame count of an animated input is stored and shown by show --json', async () => {
  const root = await tempDir();
  await writeAnimatedGif(path.join(root, 'in/anim.gif'), 4);
  await writeJpeg(path.join(root, 'in/still.jpg'));
  const db = path.join(root, 'db');
  const r = await runCli([
    'process',
    path.join(root, 'in'),
    '--out',
    path.join(root, 'out'),
    '--json',
    '--db',
    db,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const shown = JSON.parse(
    (await runCli(['show', String(JSON.parse(r.stdout).runId), '--json', '--db', db])).stdout,
  );
  const frames = Object.fromEntries(
    shown.items.map((i: { source: string; frames: number }) => [path.basename(i.source), i.frames]),
  );
  assert.deepEqual(frames, { 'anim.gif': 4, 'still.jpg': 1 });
});

test("--db '' is bad usage, not the default database", async () => {
  const r = await runCli(['runs', '--db', '']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--db needs the path of a database file/);
});

test('compare 1 1 shows one baseline; resume 0 and show 0 name no --run-id option', async () => {
  const root = await tempDir();
  await writeJpeg(path.join(root, 'in/a.jpg'));
  const db = path.join(root, 'db');
  const run = await runCli([
    'process',
    path.join(root, 'in'),
    '--out',
    path.join(root, 'out'),
    '--json',
    '--db',
    db,
  ]);
  const id = String(JSON.parse(run.stdout).runId);
  const self = await runCli(['compare', id, id, '--db', db]);
  assert.equal(self.code, 0, self.stderr);
  assert.equal(self.stdout.split('\n').filter((l) => new RegExp(`^${id}\\*\\s`).test(l)).length, 1);
  assert.equal(self.stdout.split('\n').filter((l) => new RegExp(`^${id}\\s`).test(l)).length, 1);
  for (const command of ['resume', 'show']) {
    const r = await runCli([command, '0', '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a run id is a whole number from 1 up/);
    assert.doesNotMatch(r.stderr, /--run-id/);
  }
});

test('a second SIGTERM as the cancelled CLI leaves still exits 130 and the run is not left running', async () => {
  const root = await tempDir();
  await folderOfPhotos(path.join(root, 'in'), 6, 1600);
  const db = path.join(root, 'db');
  const cli = startCli([
    'process',
    path.join(root, 'in'),
    '--out',
    path.join(root, 'out'),
    '--blur',
    '25',
    '--workers',
    '2',
    '--db',
    db,
  ]);
  await waitForStderr(cli.child, /run \d+ \(process\) started/);
  assert.ok(await eventually(() => childPids(cli.child.pid!).length === 2), 'workers started');
  cli.child.kill('SIGTERM');
  // The second one lands as the CLI is leaving, after its handler for the run is gone.
  // (If the CLI is already gone by then there is nothing left to land on: the exit must still be 130.)
  await Promise.race([waitForStderr(cli.child, /run \d+ cancelled/), cli.done]);
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  const r = await cli.done;
  assert.equal(r.code, 130, `exit ${r.code} ${r.signal ?? ''}: ${r.stderr}`);
  const runs = JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout).runs;
  assert.notEqual(runs[0].status, 'running');
});
