// The engine dies mid-run (SIGKILL): the window says so within seconds, stops its clocks and
// offers nothing that needs the engine. Restarted, the old tab says why it is refused (and a
// reload gets a page in words, not "Forbidden"); once the new address is open, the old tab
// reconnects, re-reads the store and shows the run as interrupted, with Resume.
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
let restarted: Serve | null = null;
let browser: Browser;
let folder: string;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  folder = path.join(await tempDir('photobatch-e2e-connection-'), 'Holiday');
  await mkdir(folder, { recursive: true });
  const originals = await realPhotos(12, 2560);
  for (const [i, photo] of [...originals, ...originals, ...originals].entries())
    await copyFile(
      photo,
      path.join(folder, `${String(i).padStart(2, '0')}-${path.basename(photo)}`),
    );
});

after(async () => {
  await browser?.close();
  await restarted?.close();
  await serve?.close();
});

/** The text of one figure of the Live run panel ("Elapsed", "Remaining"…). */
async function stat(page: Page, name: string): Promise<string> {
  return page
    .locator('.stat', { has: page.locator('.k', { hasText: name }) })
    .locator('.v')
    .innerText();
}

test('engine killed mid-run: banner, frozen clocks; restarted: explained, then interrupted with Resume', async () => {
  // One context for both pages, as one browser profile: they share the token cookie.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, errors } = await openWindow(context, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.getByLabel('Or type a path:').fill(folder);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
  await screen.getByRole('heading', { name: 'Holiday' }).waitFor();
  // Slow on purpose (big blur, PNG, one worker), so the engine dies with work in flight.
  await screen.getByLabel('Blur', { exact: true }).fill('25');
  await screen.getByLabel('Format', { exact: true }).selectOption('png');
  await screen.getByLabel('Workers', { exact: true }).fill('1');
  await screen.getByRole('button', { name: /^Start/ }).click();
  const workers = page.getByRole('region', { name: 'Workers now' });
  await workers
    .getByText(/\.jpg$/)
    .first()
    .waitFor({ timeout: 60_000 });
  const cancel = page.getByRole('button', { name: 'Cancel' });
  assert.equal(await cancel.isEnabled(), true);

  await serve.kill();
  await page.getByText('Connection lost — reconnecting…').waitFor({ timeout: 5_000 });
  assert.equal(
    await cancel.isDisabled(),
    true,
    'Cancel needs the engine: disabled while it is away',
  );
  const elapsed = await stat(page, 'Elapsed');
  const busyFor = await workers.locator('li').first().innerText();
  await page.waitForTimeout(1_500);
  assert.equal(await stat(page, 'Elapsed'), elapsed, 'the run clock is frozen');
  assert.equal(
    await workers.locator('li').first().innerText(),
    busyFor,
    'the worker clock is frozen',
  );
  await screenshot(page, 'connection-lost');

  // Same port, new launch (new token): the old tab learns it is refused, and says what to do.
  restarted = await startServe({ port: serve.port, dataDir: serve.dataDir });
  await page
    .getByText('Photobatch was restarted: open the new address it printed.')
    .waitFor({ timeout: 30_000 });
  const second = await context.newPage();
  const refused = await second.goto(serve.origin + '/');
  assert.equal(refused?.status(), 403);
  await second
    .getByRole('heading', { name: 'Photobatch was restarted: open the new address it printed.' })
    .waitFor();
  assert.equal(await second.getByText('Forbidden').count(), 0);

  // Opening the new address (its cookie) lets the old tab back in: the truth is re-read.
  await second.goto(restarted.url);
  await second.getByRole('tabpanel', { name: 'Process' }).waitFor({ timeout: 30_000 });
  await page.getByText('Connection lost').waitFor({ state: 'detached', timeout: 30_000 });
  const live = page.getByRole('tabpanel', { name: 'Live run' });
  await live.locator('.chip', { hasText: 'Interrupted' }).waitFor({ timeout: 10_000 });
  assert.equal(await cancel.count(), 0, 'no Cancel for a run that is not running');
  await screenshot(page, 'connection-back-interrupted');
  await live.getByRole('button', { name: 'Resume' }).click();
  await live.getByRole('heading', { name: /Processing · Holiday/ }).waitFor();
  await page.locator('.chip', { hasText: 'Running' }).waitFor({ timeout: 30_000 });
  await live.getByRole('button', { name: 'Cancel' }).click();
  await live.locator('.chip', { hasText: 'Cancelled' }).waitFor({ timeout: 30_000 });
  // The page's console may note the refused socket while the engine was away; nothing else.
  assert.deepEqual(
    errors.filter((e) => !/WebSocket|Failed to load resource|ERR_CONNECTION_REFUSED/.test(e)),
    [],
  );
  await context.close();
});
