// The photographer's path through the window, in Chromium against `photobatch serve`:
// choose a folder of real photos → the run finishes → History shows it → compare it with a
// 1-worker run → charts and the per-worker timeline render; drop files (with a broken one) →
// the failure shows in words, and the outputs are on disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
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
let photosDir: string;

before(async () => {
  await ensureBuilt();
  serve = await startServe();
  browser = await launchBrowser();
  // Real photographs at full size (1920–2560 px), with their own names, in two sub-folders:
  // enough work that the workers' gain is measured, not their start-up.
  photosDir = path.join(await tempDir('photobatch-e2e-photos-'), 'Holiday');
  for (const day of ['day1', 'day2']) {
    await mkdir(path.join(photosDir, day), { recursive: true });
    for (const photo of await realPhotos(12, 2560))
      await copyFile(photo, path.join(photosDir, day, path.basename(photo)));
  }
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

function storedRuns(): {
  id: number;
  status: string;
  outDir: string;
  ok: number;
  failed: number;
  workers: number;
}[] {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/photobatch.js'), 'runs', '--json', '--db', serve.dbPath],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { runs: ReturnType<typeof storedRuns> }).runs;
}

test('choose a folder → run → History → compare with 1 worker → charts and timeline', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await screenshotBoth(page, 'process-empty');

  // Keyboard first: Ctrl+O opens the folder picker (the browser's, in the web shell).
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+O');
  const picker = await chooser;
  assert.equal(await picker.element().getAttribute('data-picker'), 'folder');
  await picker.setFiles(photosDir);
  const zone = page.getByRole('region', { name: 'Photos to process' });
  await zone.getByRole('heading', { name: 'Holiday' }).waitFor({ timeout: 30_000 });
  await zone.getByText(/24 files · .* uploaded/).waitFor();
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.getByLabel('Blur', { exact: true }).fill('3');
  await screen.getByLabel('Fit inside', { exact: true }).fill('1600x1200');
  await screen.getByLabel('Format', { exact: true }).selectOption('webp');
  await screen.getByLabel('Workers', { exact: true }).fill('2');
  await screenshotBoth(page, 'process-chosen');
  await page.getByRole('button', { name: /^Start/ }).click();

  // The live run takes over and ends with a summary in words.
  await page.getByRole('tab', { name: /Live run/, selected: true }).waitFor();
  const outcome = page.getByText(/^Done: 24 photos in /);
  await outcome.waitFor({ timeout: 90_000 });
  assert.equal(
    await page
      .getByRole('progressbar', { name: 'Processing progress' })
      .getAttribute('aria-valuenow'),
    '100',
  );
  await screenshotBoth(page, 'live-done');

  // History lists it, as stored.
  await page.getByRole('tab', { name: 'History' }).click();
  const row = page.locator('table.history tbody tr', { hasText: 'Holiday' });
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.match((await row.first().textContent()) ?? '', /24\/24/);

  // The lesson: the same photos with one worker, then side by side.
  await row.first().getByRole('button', { name: 'Compare with 1 worker' }).click();
  await page.getByRole('tab', { name: /Live run/, selected: true }).waitFor();
  await page.getByText(/This run uses 1 worker/).waitFor();
  await page.getByRole('heading', { name: 'Compare 2 runs' }).waitFor({ timeout: 120_000 });
  const runs = storedRuns();
  assert.deepEqual(runs.map((r) => [r.workers, r.ok, r.status]).sort(), [
    [1, 24, 'completed'],
    [2, 24, 'completed'],
  ]);

  // On disk: the folder tree mirrored, every photo as WebP inside 1600×1200.
  const outputs = (await readdir(runs[0]!.outDir, { recursive: true }))
    .map(String)
    .filter((f) => f.endsWith('.webp'));
  assert.equal(outputs.length, 24);
  assert.ok(outputs.some((f) => f.includes('day2')));
  const meta = await sharp(path.join(runs[0]!.outDir, outputs[0]!)).metadata();
  assert.ok(
    meta.format === 'webp' && meta.width! <= 1600 && meta.height! <= 1200,
    JSON.stringify(meta),
  );

  const metricsRows = page.locator('table.metrics tbody tr');
  await metricsRows.nth(1).waitFor();
  assert.equal(await metricsRows.count(), 2);
  // The baseline is the 1-worker run; the other row's speedup is measured against it.
  assert.match((await page.locator('tr.baseline').textContent()) ?? '', /1 worker/);
  // The headline's direction is the machine's (a busy 2-core runner can make 2 workers slower).
  await page
    .getByText(/2 workers (finished .* sooner|took .* longer) than 1 worker \(#\d+ Holiday\)/)
    .waitFor();
  // Totals as bars (two charts × two runs) and the distribution of per-image times.
  // (Charts and timelines draw once their container has been measured: wait for them, then count.)
  await page.locator('.recharts-bar-rectangle').nth(5).waitFor();
  // One timeline per run; the 2-worker run has two lanes, 24 bars in all.
  const timelines = page.locator('svg.timeline-svg');
  await timelines.nth(1).waitFor();
  assert.equal(await timelines.count(), 2);
  const twoWorkers = page.locator('figure.timeline', { hasText: '2 workers' });
  assert.equal(await twoWorkers.locator('text.lane-label', { hasText: 'Worker 2' }).count(), 1);
  assert.equal(await twoWorkers.locator('rect.bar').count(), 24);

  await screenshotBoth(page, 'compare');
  // Hover details, zoom, and the keyboard path through the bars.
  const firstBar = twoWorkers.locator('rect.bar').first();
  await firstBar.hover();
  await twoWorkers
    .locator('.timeline-tip')
    .getByText(/\.jpg$/)
    .first()
    .waitFor();
  assert.match(
    (await twoWorkers.locator('.timeline-tip').textContent()) ?? '',
    /Worker \d · .* → .*/,
  );
  await screenshotBoth(page, 'compare-timeline');
  await twoWorkers.getByRole('button', { name: 'Zoom in' }).click();
  assert.equal(await twoWorkers.getByRole('button', { name: 'Whole run' }).isEnabled(), true);
  await twoWorkers.locator('svg.timeline-svg').focus();
  await page.keyboard.press('ArrowRight');
  await twoWorkers.getByText(/on Worker 1: processed from .* to /).waitFor();

  // Another baseline: the figures are recomputed against the 2-worker run.
  await page
    .getByRole('radio', { name: /Use #\d+ Holiday as the baseline/ })
    .first()
    .check();
  await page
    // Which is faster is the machine's to say (a loaded machine can make 1 worker win).
    .getByText(
      /^#\d+ Holiday: 1 worker (took .* longer|finished .* sooner) than 2 workers \(#\d+ Holiday\)/,
    )
    .waitFor();
  assert.match((await page.locator('tr.baseline').textContent()) ?? '', /2 workers/);

  // The comparison as a file: CSV with both runs, by the same code as `compare --csv`.
  const exports = page.getByRole('group', { name: 'Export this comparison' });
  const download = page.waitForEvent('download');
  await exports.getByRole('button', { name: 'CSV' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^photobatch-runs-\d+-\d+\.csv$/);
  const csv = (await readFile((await file.path())!, 'utf8')).trimEnd().split('\r\n');
  assert.equal(csv.length, 3);
  assert.match(csv[0]!, /^run_id,baseline,/);

  // Back on Process, the same photos and settings now have a history: an estimate before Start.
  await page.getByRole('tab', { name: 'Process' }).click();
  await page
    .getByRole('tabpanel', { name: 'Process' })
    .getByText(/^About .* with 2 workers \(likely .* from 1 past run\)\.$/)
    .waitFor();

  assert.deepEqual(errors, []);
  await page.close();
});

test('drop files built from real bytes → upload → run; a broken file shows its failure in words', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  const day1 = path.join(photosDir, 'day1');
  const photos = (await readdir(day1)).slice(0, 3);
  const files = await Promise.all(
    photos.map(async (name) => ({
      name,
      b64: (await readFile(path.join(day1, name))).toString('base64'),
    })),
  );
  // A real JPEG cut short: recognised as an image by its header, then fails to decode.
  const whole = await readFile(path.join(day1, photos[0]!));
  files.push({
    name: 'broken.jpg',
    b64: whole.subarray(0, Math.floor(whole.length / 3)).toString('base64'),
  });

  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: 'image/jpeg' }));
    }
    const target = document.querySelector('.drop-zone')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(
        new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }
  }, files);
  const zone = page.getByRole('region', { name: 'Photos to process' });
  await zone.getByRole('heading', { name: '4 files' }).waitFor({ timeout: 30_000 });
  await page
    .getByRole('tabpanel', { name: 'Process' })
    .getByLabel('Label (optional)')
    .fill('Dropped with a broken one');
  await page.getByRole('button', { name: /^Start/ }).click();

  await page.getByText(/^Done: 3 photos in .* 1 failed item\./).waitFor({ timeout: 60_000 });
  const failures = page.getByRole('region', { name: /Failures/ });
  await failures.getByText('broken.jpg', { exact: true }).waitFor();
  await failures.getByText(/truncated or damaged/).waitFor();
  await screenshotBoth(page, 'live-failure');

  // On disk: the three good photos were written to the run's output folder (in the format the
  // first test chose: the window remembers settings between runs).
  const run = storedRuns().find((r) => r.failed === 1)!;
  assert.equal(run.ok, 3);
  const written = (await readdir(run.outDir, { recursive: true }))
    .map(String)
    .filter((f) => /\.(jpg|webp)$/.test(f));
  const stem = (f: string) => path.basename(f).replace(/\.[^.]+$/, '');
  assert.deepEqual(written.map(stem).sort(), photos.map(stem).sort());

  // History now holds all three runs, newest first.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.locator('table.history tbody tr').nth(2).waitFor();
  await screenshotBoth(page, 'history');

  // Re-run: the same inputs and settings, as a new run, watched live.
  await page
    .locator('table.history tbody tr', { hasText: 'Dropped with a broken one' })
    .getByRole('button', { name: 'Re-run' })
    .click();
  await page.getByRole('tab', { name: /Live run/, selected: true }).waitFor();
  await page.getByText(/^Done: 3 photos in .* 1 failed item\./).waitFor({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'History' }).click();
  await page.locator('table.history tbody tr').nth(3).waitFor();

  // Delete asks first, then removes only the record.
  const dropped = page
    .locator('table.history tbody tr', { hasText: 'Dropped with a broken one' })
    .first();
  await dropped.getByRole('button', { name: /^Delete run/ }).click();
  await dropped.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('table.history tbody tr').nth(3).waitFor({ state: 'detached' });
  assert.equal(await page.locator('table.history tbody tr').count(), 3);
  assert.equal(storedRuns().length, 3);
  assert.ok((await readdir(run.outDir)).length > 0, 'the output files stay');
  assert.deepEqual(errors, []);
  await page.close();
});
