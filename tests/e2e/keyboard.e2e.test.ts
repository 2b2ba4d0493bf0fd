// Keyboard only, from choosing a folder to Compare: Tab and Enter reach everything, and after
// Start and after Compare the focus is on the new screen's heading (not lost on the body).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import { ensureBuilt, launchBrowser, openWindow, startServe, type Serve } from './harness.js';

let serve: Serve;
let browser: Browser;
let folder: string;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  folder = path.join(await tempDir('photobatch-e2e-keyboard-'), 'Meadow');
  await mkdir(folder, { recursive: true });
  for (const photo of await realPhotos(4, 800))
    await copyFile(photo, path.join(folder, path.basename(photo)));
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: string, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, matches))
      return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${what}`);
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(
    () => `${document.activeElement?.tagName} ${document.activeElement?.textContent ?? ''}`,
  );
}

test('keyboard only: choose a folder, start, compare with 1 worker; focus follows the screens', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await tabTo(page, '#typed-path', 'the path box');
  await page.keyboard.type(folder);
  await page.keyboard.press('Enter');
  await page.getByText('4 photos to process').waitFor();
  await tabTo(page, 'form[aria-label="Process settings"] input', 'a settings field');
  await page.keyboard.press('Enter'); // submits the settings form: Start
  await page.waitForFunction(() => document.activeElement?.matches('#screen-run h1') ?? false);
  assert.match(await focusedText(page), /^H1 Processing · Meadow/);
  await page.getByText(/^Done: 4 photos in /).waitFor({ timeout: 60_000 });

  await tabTo(
    page,
    '#screen-run .outcome button[title^="Runs the same inputs with one worker"]',
    'Compare with 1 worker',
  );
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.activeElement?.matches('#screen-compare h1') ?? false,
    undefined,
    {
      timeout: 90_000,
    },
  );
  assert.match(await focusedText(page), /^H1 Compare 2 runs/);
  // Charts that are not interactive take no tab stops: only the timelines (keyboard-driven) do.
  const stops = await page.evaluate(
    () =>
      document.querySelectorAll('#screen-compare .recharts-wrapper [tabindex]:not([tabindex="-1"])')
        .length,
  );
  assert.equal(stops, 0);
  assert.deepEqual(errors, []);
  await page.close();
});
