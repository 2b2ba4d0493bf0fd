// The place is kept: the screen and the run being watched live in the address's hash, so a
// reload and back/forward return to them; a run started in another tab shows as a badge and
// never replaces the run this tab watches.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import {
  ensureBuilt,
  launchBrowser,
  openWindow,
  screenshot,
  startServe,
  type Serve,
} from './harness.js';

let serve: Serve;
let browser: Browser;
let folders: string[];

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  const base = await tempDir('photobatch-e2e-place-');
  const originals = await realPhotos(12, 2560);
  folders = [];
  for (const name of ['First', 'Second']) {
    const folder = path.join(base, name);
    await mkdir(folder, { recursive: true });
    for (const photo of originals) await copyFile(photo, path.join(folder, path.basename(photo)));
    folders.push(folder);
  }
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

/** Starts a slow one-worker run of `folder` from the Process screen. */
async function startSlowRun(page: Page, folder: string): Promise<void> {
  await page.getByRole('tab', { name: 'Process' }).click();
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.getByLabel('Or type a path:').fill(folder);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
  await screen.getByText('12 photos to process').waitFor();
  await screen.getByLabel('Blur', { exact: true }).fill('25');
  await screen.getByLabel('Format', { exact: true }).selectOption('png');
  await screen.getByLabel('Workers', { exact: true }).fill('1');
  await screen.getByRole('button', { name: /^Start/ }).click();
}

test('reload and back/forward keep the place; a run started in another tab is a badge', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await startSlowRun(page, folders[0]!);
  const live = page.getByRole('tabpanel', { name: 'Live run' });
  await live.getByRole('heading', { name: 'Processing · First' }).waitFor();
  await page.waitForFunction(() => /^#\/run\/\d+$/.test(window.location.hash));
  const watched = new URL(page.url()).hash;

  await page.reload();
  await live.getByRole('heading', { name: 'Processing · First' }).waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).hash, watched, 'the reload came back to the same run');
  await live.locator('.chip', { hasText: 'Running' }).waitFor();

  await page.getByRole('tab', { name: 'History' }).click();
  await page.waitForFunction(() => window.location.hash === '#/history');
  await page.goBack();
  await live.getByRole('heading', { name: 'Processing · First' }).waitFor();
  assert.equal(
    await page.getByRole('tab', { name: 'Live run' }).getAttribute('aria-selected'),
    'true',
  );

  // Another tab starts a run: this tab keeps watching its own, and shows the other as a badge.
  const other = await openWindow(browser, serve.url);
  await startSlowRun(other.page, folders[1]!);
  await other.page.getByRole('heading', { name: 'Processing · Second' }).waitFor();
  const badge = live.getByRole('button', { name: /^Run #\d+ is also running · Watch$/ });
  await badge.waitFor({ timeout: 30_000 });
  assert.equal(await live.getByRole('heading', { name: 'Processing · First' }).count(), 1);
  await screenshot(page, 'live-run-other-badge');
  await badge.click();
  await live.getByRole('heading', { name: 'Processing · Second' }).waitFor();

  // The runs still going are cancelled when the shell closes (after()).
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.page.close();
  await page.close();
});
