// Tune in the window, in Chromium against `photobatch serve`: on the Process screen it sweeps a
// sample of the chosen photos, draws the scaling chart and puts the fastest worker count in the
// form (remembered: a reload still has it); on Download the same for downloads at once, the two
// curves side by side.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
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
let images: ImageServer;
let photosDir: string;

before(async () => {
  await ensureBuilt();
  [serve, browser, images] = await Promise.all([
    startServe(),
    launchBrowser(),
    // Latency, so that downloading many at once pays as it does on a real network.
    startImageServer({ latencyMs: 120 }),
  ]);
  photosDir = path.join(await tempDir('photobatch-e2e-tune-'), 'Trip');
  await mkdir(photosDir, { recursive: true });
  for (const photo of await realPhotos(6, 1600))
    await copyFile(photo, path.join(photosDir, path.basename(photo)));
});

after(async () => {
  await browser?.close();
  await serve?.close();
  await images?.close();
});

interface StoredRun {
  id: number;
  kind: string;
  status: string;
  ok: number;
  failed: number;
  wallMs: number;
  sweepId: number | null;
  settings: {
    process: { workers: number } | null;
    download: { concurrency: number } | null;
  };
}

/** The sweep's runs as stored, and the fastest of them by items per second. */
function fastestOfSweep(kind: 'process' | 'download'): { runs: StoredRun[]; best: StoredRun } {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/photobatch.js'), 'runs', '--json', '--db', serve.dbPath],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const runs = (JSON.parse(r.stdout) as { runs: StoredRun[] }).runs.filter(
    (run) => run.kind === kind && run.sweepId !== null,
  );
  assert.ok(runs.length >= 2, `a sweep of several combinations, got ${runs.length}`);
  const rate = (run: StoredRun) => (run.ok + run.failed) / run.wallMs;
  const best = runs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  return { runs, best };
}

test('Tune on Process draws the scaling chart and sets the recommended workers; Download adds its curve beside it', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.getByLabel('Or type a path:').fill(photosDir);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
  await screen.getByText(/6 photos to process/).waitFor({ timeout: 30_000 });
  // Enough work per photo that the workers' gain shows through their start-up.
  await screen.getByLabel('Blur', { exact: true }).fill('4');
  await screen.getByLabel('Fit inside', { exact: true }).fill('1200x1200');
  await screen.getByLabel('Pipeline', { exact: true }).selectOption('exact');
  const tune = screen.getByRole('region', { name: 'Tune workers' });
  await tune.getByRole('button', { name: 'Tune', exact: true }).click();
  const chart = tune.getByRole('img', { name: /Processing \(CPU-bound\)/ });
  await chart.waitFor({ timeout: 120_000 });

  const { runs, best } = fastestOfSweep('process');
  const bestWorkers = best.settings.process!.workers;
  assert.ok(runs.every((run) => run.status === 'completed'));
  // The chart has a point per combination, the ideal line and the fitted curve.
  assert.equal(await chart.locator('circle.measured').count(), runs.length);
  assert.equal(await chart.locator('path.ideal').count(), 1);
  assert.equal(await chart.locator('path.fitted').count(), 1);
  await tune.getByText(/^Speedup over 1 worker — 1 worker: 1\.00×; 2 workers: /).waitFor();
  // The recommendation is now the form's, and the screen says where it comes from.
  const workers = screen.getByLabel('Workers', { exact: true });
  await tune
    .getByText(
      new RegExp(
        `^${bestWorkers} workers? — recommended for this computer by Tune on \\d{1,2} [A-Z][a-z]{2}$`,
      ),
    )
    .waitFor();
  assert.equal(await workers.inputValue(), String(bestWorkers));
  await tune.scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'tune-process');

  // Run on: a queue URL that is not one is said in words, and Start says what to fix.
  await screen.getByRole('radio', { name: 'A queue (Redis URL)' }).check();
  await screen.getByLabel('Redis URL', { exact: true }).fill('http://queue-host:6379');
  await screen
    .getByText('Queue must be a redis:// or rediss:// URL, got "http://queue-host:6379"')
    .waitFor();
  await screen.getByLabel('Redis URL', { exact: true }).scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'process-run-on-queue');
  await screen.getByRole('radio', { name: 'This computer' }).check();

  // Remembered: a fresh page starts from the tuned workers and still says why.
  await page.reload();
  await page.getByRole('tabpanel', { name: 'Process' }).waitFor();
  assert.equal(
    await page
      .getByRole('tabpanel', { name: 'Process' })
      .getByLabel('Workers', { exact: true })
      .inputValue(),
    String(bestWorkers),
  );

  // Download: the same for downloads at once, beside processing's curve.
  await page.getByRole('tab', { name: 'Download' }).click();
  const download = page.getByRole('tabpanel', { name: 'Download' });
  const urls = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => images.url(`/img/tune-${i}.jpg`)).join('\n');
  await download.getByRole('textbox', { name: /Image addresses/ }).fill(urls);
  const downloadTune = download.getByRole('region', { name: 'Tune downloads at once' });
  await downloadTune.getByRole('button', { name: 'Tune', exact: true }).click();
  // The two curves side by side, beside the address list.
  await download
    .getByRole('img', { name: /Downloading \(I\/O-bound\)/ })
    .waitFor({ timeout: 120_000 });
  await download.getByRole('img', { name: /Processing \(CPU-bound\)/ }).waitFor();
  const fastest = fastestOfSweep('download').best.settings.download!.concurrency;
  await downloadTune
    .getByText(new RegExp(`^${fastest} downloads at once — recommended for this computer`))
    .waitFor();
  assert.equal(
    await download.getByLabel('Downloads at once', { exact: true }).inputValue(),
    String(fastest),
  );
  await download.locator('.tune-charts.pair').scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'tune-both');
  assert.deepEqual(errors, []);
});
