// A long run, watched live (counts, rate, ETA, each worker's current photo), then cancelled:
// the window says so in words, and History keeps it as cancelled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import {
  ensureBuilt,
  launchBrowser,
  openWindow,
  ROOT,
  screenshotBoth,
  startServe,
  type Serve,
} from './harness.js';

let serve: Serve;
let browser: Browser;
let folder: string;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  folder = path.join(await tempDir('photobatch-e2e-cancel-'), 'Wedding');
  const originals = await realPhotos(12, 2560);
  for (const part of ['ceremony', 'dinner', 'party', 'morning']) {
    await mkdir(path.join(folder, part), { recursive: true });
    for (const photo of originals)
      await copyFile(photo, path.join(folder, part, path.basename(photo)));
  }
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

test('watch a run live, cancel it mid-way; it is kept as cancelled', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  // A path typed by hand: the folder stays where it is (no upload).
  await screen.getByLabel('Or type a path:').fill(folder);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
  await screen.getByRole('heading', { name: 'Wedding' }).waitFor();
  // Heavy on purpose (big blur, PNG output) so that Cancel lands mid-run on a fast machine too.
  await screen.getByLabel('Blur', { exact: true }).fill('25');
  await screen.getByLabel('Format', { exact: true }).selectOption('png');
  await screen.getByLabel('Workers', { exact: true }).fill('2');
  await screen.getByRole('button', { name: /^Start/ }).click();

  const progress = page.getByRole('progressbar', { name: 'Processing progress' });
  await page.getByText(/^\d+ of 48$/).waitFor({ timeout: 30_000 });
  // Wait until a few photos are done and the rate and ETA are known.
  await page.waitForFunction(
    () => {
      const bar = document.querySelector('[role=progressbar][aria-label="Processing progress"]');
      return Number(bar?.getAttribute('aria-valuenow') ?? 0) >= 10;
    },
    undefined,
    { timeout: 60_000 },
  );
  const workers = page.getByRole('region', { name: 'Workers now' });
  await workers
    .getByText(/\.jpg$/)
    .first()
    .waitFor();
  await page
    .getByText('Remaining')
    .locator('..')
    .getByText(/^\d+:\d\d$/)
    .waitFor();
  await screenshotBoth(page, 'live-running');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByText(/^Cancelled after .*: \d+ items? of 48 (was|were) done/)
    .waitFor({ timeout: 30_000 });
  const done = Number(await progress.getAttribute('aria-valuenow'));
  assert.ok(done < 100, `the run stopped before the end (${done}%)`);
  assert.equal(
    await page.getByRole('button', { name: 'Cancel' }).count(),
    0,
    'no Cancel once it has ended',
  );

  await page.getByRole('tab', { name: 'History' }).click();
  const row = page.locator('table.history tbody tr', { hasText: 'Wedding' });
  await row.getByText('cancelled').waitFor();
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/photobatch.js'), 'runs', '--json', '--db', serve.dbPath],
    { encoding: 'utf8' },
  );
  const [run] = (JSON.parse(r.stdout) as { runs: { status: string; ok: number; total: number }[] })
    .runs;
  assert.equal(run!.status, 'cancelled');
  assert.ok(run!.ok > 0 && run!.ok < 48, `ok ${run!.ok}`);
  assert.deepEqual(errors, []);
  await page.close();
});
