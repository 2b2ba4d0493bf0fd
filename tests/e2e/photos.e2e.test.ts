// The window shows the photos: choose a folder → its thumbnails (made by the engine's workers)
// and totals appear → click one: the preview's encoded size changes when blur changes → run →
// the outputs appear as thumbnails and the done banner says how much space was saved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import {
  ensureBuilt,
  launchBrowser,
  openWindow,
  screenshotBoth,
  startServe,
  type Serve,
} from './harness.js';

let serve: Serve;
let browser: Browser;
let photosDir: string;
const PHOTOS = 8;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  photosDir = path.join(await tempDir('photobatch-e2e-grid-'), 'Meadow');
  await mkdir(photosDir, { recursive: true });
  for (const photo of await realPhotos(PHOTOS, 1600))
    await copyFile(photo, path.join(photosDir, path.basename(photo)));
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

/** Waits until every <img> inside `scope` has loaded a real picture. */
async function allPicturesLoaded(scope: Locator, count: number): Promise<void> {
  await scope
    .locator('img')
    .nth(count - 1)
    .waitFor();
  // Polled from here: a function defined inside the page's callback would need tsx's helpers.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const loaded = await scope.evaluate(
      (el, n) =>
        Array.from(el.querySelectorAll('img')).filter((i) => i.complete && i.naturalWidth > 0)
          .length >= n,
      count,
    );
    if (loaded) return;
    assert.ok(Date.now() < deadline, 'the thumbnails did not all load within a minute');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function bytesOf(text: string): number {
  // "With these settings · 1.2 MB → 310 KB (−75%) · …": the size after the arrow.
  const m = /→ ([\d.,]+) (bytes|KB|MB|GB)/.exec(text);
  assert.ok(m, `no size in ${text}`);
  const unit = { bytes: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[m[2] as 'KB'];
  return Number(m[1]!.replace(/,/g, '')) * unit;
}

async function previewText(page: Page): Promise<string> {
  return (await page.getByTestId('preview-figures').textContent()) ?? '';
}

test('folder → thumbnails and totals → preview follows blur → run → output thumbnails and the saving', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+O');
  await (await chooser).setFiles(photosDir);

  const grid = page.getByRole('region', { name: `${PHOTOS} photos, scrollable` });
  await grid.waitFor({ timeout: 60_000 });
  await allPicturesLoaded(grid, PHOTOS);
  const names = await grid
    .locator('img')
    .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).alt));
  assert.equal(names.length, PHOTOS);
  assert.ok(names.every((n) => n.endsWith('.jpg')));
  const totals = (await page.getByTestId('selection-totals').textContent()) ?? '';
  assert.match(totals, new RegExp(`^${PHOTOS} photos · [\\d.]+ (KB|MB) · [\\d.]+ MP$`));

  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.getByLabel('Blur', { exact: true }).fill('');
  await screen.getByLabel('Format', { exact: true }).selectOption('jpeg');
  await grid.getByRole('button').first().click();
  await page.getByText('With these settings ·').waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-testid="preview-figures"]')?.textContent?.includes('updating'),
  );
  const sharpSize = bytesOf(await previewText(page));

  await screen.getByLabel('Blur', { exact: true }).fill('6');
  await page.waitForFunction(
    (before) => {
      const text = document.querySelector('[data-testid="preview-figures"]')?.textContent ?? '';
      return !text.includes('updating') && text.includes('→') && !text.includes(before);
    },
    (await previewText(page)).split(' · ')[1]!,
    { timeout: 30_000 },
  );
  const blurredSize = bytesOf(await previewText(page));
  assert.ok(blurredSize < sharpSize, `blurred ${blurredSize} should be smaller than ${sharpSize}`);
  await page.locator('#photos-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshotBoth(page, 'process-photos-preview');

  await screen.getByLabel('Fit inside', { exact: true }).fill('800x800');
  await page.getByRole('button', { name: /^Start/ }).click();
  await page.getByRole('tab', { name: /Live run/, selected: true }).waitFor();
  const saving = page.getByTestId('saving-line');
  await saving.waitFor({ timeout: 120_000 });
  assert.match(
    (await saving.textContent()) ?? '',
    new RegExp(
      `^${PHOTOS} photos · [\\d.]+ (KB|MB) → [\\d.]+ (KB|MB) \\(−\\d+%\\) · [\\d.]+ (ms|s)$`,
    ),
  );
  const outputs = page.getByRole('region', { name: `${PHOTOS} finished photos, scrollable` });
  await allPicturesLoaded(outputs, PHOTOS);
  await screenshotBoth(page, 'live-run-outputs');
  assert.deepEqual(errors, []);
  await page.close();
});
