// A download run's network in view: the downloads in flight are listed with their address while
// they fetch, and the counts say Downloaded (not a bare "Done").
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
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
let images: ImageServer;

before(async () => {
  await ensureBuilt();
  // Slow answers, so a download is still in flight when the page looks.
  [serve, browser, images] = await Promise.all([
    startServe(),
    launchBrowser(),
    startImageServer({ latencyMs: 600 }),
  ]);
});

after(async () => {
  await browser?.close();
  await serve?.close();
  await images?.close();
});

test('a download run lists the downloads in flight by address, and counts Downloaded', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await page.getByRole('tab', { name: 'Download' }).click();
  const screen = page.getByRole('tabpanel', { name: 'Download' });
  const urls = Array.from({ length: 10 }, (_, i) => images.url(`/photo/640x480/slow-${i + 1}.jpg`));
  await screen.getByRole('textbox', { name: 'Image addresses, one a line' }).fill(urls.join('\n'));
  await screen.getByLabel('Downloads at once', { exact: true }).fill('2');
  await screen.getByRole('button', { name: 'Download 10 images' }).click();

  const live = page.getByRole('tabpanel', { name: 'Live run' });
  const downloads = live.getByRole('region', { name: 'Downloads now' });
  await downloads
    .getByText(/\/slow-\d+\.jpg$/)
    .first()
    .waitFor({ timeout: 30_000 });
  assert.equal(
    await live.getByRole('region', { name: 'Workers now' }).count(),
    0,
    'no processing workers in a download-only run',
  );
  await screenshot(page, 'live-download');
  await page.getByText(/^Done: 10 images in /).waitFor({ timeout: 60_000 });
  const downloaded = live.locator('.stat', { has: page.locator('.k', { hasText: 'Downloaded' }) });
  assert.equal((await downloaded.locator('.v').innerText()).trim(), '10');
  assert.equal(await live.locator('.stat .k', { hasText: /^Done$/ }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
