/**
 * Ctrl-C that always works: SIGINT at several moments into 5,000 URLs at concurrency 64 (a
 * loopback server answering in 50 ms, with some bodies that stall mid-way so reads hang), many
 * times over. Every time: exit 130, no temp file left, the run stored cancelled. The bound on how
 * long the CLI may take to exit is a guard against a hang, not a speed assertion.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import type { CliResult } from '../../helpers/cli.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir as makeTempDir } from '../../helpers/real-photos.js';

const URLS = 5000;
/** Far beyond "a few seconds": only a hang reaches it. */
const EXIT_GUARD_MS = 60_000;

let server: ImageServer;
const roots: string[] = [];
before(async () => {
  server = await startImageServer({ latencyMs: 50 });
});
after(async () => {
  await server.close();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Files in `dir` (not below), hidden temps included. */
function namesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Waits for the CLI to exit; kills it and fails if it hangs past the guard. */
async function exitOf(child: ReturnType<typeof startCli>): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), EXIT_GUARD_MS);
  });
  const r = await Promise.race([child.done, hung]);
  clearTimeout(timer);
  if (r === 'hung') {
    child.child.kill('SIGKILL');
    await child.done;
    assert.fail(`the CLI was still running ${EXIT_GUARD_MS / 1000} s after SIGINT`);
  }
  return r;
}

/** When to press Ctrl-C, said by what has happened rather than by time. */
const MOMENTS: { name: string; ready: (out: string) => boolean }[] = [
  { name: 'as soon as the run has started', ready: () => true },
  {
    name: 'with bodies stalled mid-way and files being saved',
    ready: (out) => server.stats.inFlight >= 32 && namesIn(out).length >= 20,
  },
  {
    name: 'hundreds of files in',
    ready: (out) => namesIn(out).filter((n) => !n.startsWith('.')).length >= 300,
  },
];
const REPEATS = 3;

for (const moment of MOMENTS) {
  test(`SIGINT ${moment.name}, ${REPEATS} times: exit 130, no temp files, run cancelled`, async () => {
    for (let round = 0; round < REPEATS; round += 1) {
      const root = await makeTempDir('photobatch-cancel-');
      roots.push(root);
      const db = path.join(root, 'db');
      const out = path.join(root, 'out');
      const list = path.join(root, 'urls.txt');
      // Every 25th body stalls half-way (headers, half a JPEG, then nothing): reads that hang.
      const urls = Array.from({ length: URLS }, (_, i) =>
        i % 25 === 7
          ? server.url(`/stall/r${round}-${i}.jpg`)
          : server.url(`/img/r${round}-${i}.jpg`),
      );
      await writeFile(list, urls.join('\n'));
      const cli = startCli([
        'download',
        list,
        '--out',
        out,
        '--concurrency',
        '64',
        '--timeout',
        '120',
        '--db',
        db,
      ]);
      await waitForStderr(cli.child, /run \d+ \(download\) started/);
      assert.ok(await eventually(() => moment.ready(out), 60_000), `${moment.name}: not reached`);
      cli.child.kill('SIGINT');
      const r = await exitOf(cli);
      assert.equal(r.code, 130, `round ${round}: ${r.stderr.slice(-2000)}`);
      const temps = namesIn(out).filter((n) => n.endsWith('.tmp'));
      assert.deepEqual(temps, [], `round ${round}: temp files left`);
      const runs = JSON.parse((await runCli(['runs', '--json', '--db', db])).stdout);
      assert.equal(runs.runs[0].status, 'cancelled', `round ${round}`);
    }
  });
}

test('a second SIGINT ends at once; the next run into the folder removes the temps left', async () => {
  const root = await makeTempDir('photobatch-cancel-');
  roots.push(root);
  const db = path.join(root, 'db');
  const out = path.join(root, 'out');
  const list = path.join(root, 'urls.txt');
  const stalls = Array.from({ length: 8 }, (_, i) => server.url(`/stall/twice-${i}.jpg`));
  await writeFile(list, stalls.join('\n'));
  const cli = startCli(['download', list, '--out', out, '--timeout', '120', '--db', db]);
  await waitForStderr(cli.child, /run \d+ \(download\) started/);
  assert.ok(await eventually(() => namesIn(out).filter((n) => n.endsWith('.tmp')).length >= 8));
  // Two signals in one go: the second leaves before any cleanup could run.
  process.kill(cli.child.pid!, 'SIGINT');
  process.kill(cli.child.pid!, 'SIGINT');
  const r = await exitOf(cli);
  assert.equal(r.code, 130, r.stderr);

  const good = path.join(root, 'good.txt');
  await writeFile(good, server.url('/img/after.jpg'));
  const next = await runCli(['download', good, '--out', out, '--db', db]);
  assert.equal(next.code, 0, next.stderr);
  assert.deepEqual(namesIn(out).sort(), ['after.jpg']);
});
