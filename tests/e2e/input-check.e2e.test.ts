// Honest before and during a run: a folder is looked at before Start (its photos counted, what
// will be skipped named), a folder with nothing to process cannot be started, and while the scan
// is still finding files the window never shows a percentage or a time left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
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
let base: string;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  base = await tempDir('photobatch-e2e-input-check-');
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

async function usePath(page: Page, folder: string): Promise<void> {
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.getByLabel('Or type a path:').fill(folder);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
}

test('a folder holding only readme.txt: the skip is named and Start stays disabled', async () => {
  const notes = path.join(base, 'Notes');
  await mkdir(notes, { recursive: true });
  await writeFile(path.join(notes, 'readme.txt'), 'not a photo\n');
  const empty = path.join(base, 'Empty');
  await mkdir(empty, { recursive: true });
  const { page, errors } = await openWindow(browser, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  const start = screen.getByRole('button', { name: /^Start/ });

  await usePath(page, notes);
  await screen.getByText('No photos here: nothing to process.').waitFor();
  await screen.getByText(/skipped: readme\.txt/).waitFor();
  assert.equal(await start.isDisabled(), true, 'nothing to do: Start is disabled');
  await screenshot(page, 'input-check-no-photos');

  await usePath(page, empty);
  await screen.getByText('The folder is empty.').waitFor();
  assert.equal(await start.isDisabled(), true);

  const missing = path.join(base, 'Nowhere');
  await usePath(page, missing);
  await screen.getByText(`${missing}: there is no file or folder here`).waitFor();
  assert.equal(await start.isDisabled(), true, 'a path that does not exist cannot be started');

  // Photos next to the note: counted, the note still named, and Start offered.
  const [photo] = await realPhotos(1, 800);
  await copyFile(photo!, path.join(notes, 'one.jpg'));
  await usePath(page, notes);
  await screen.getByText('1 photo to process').waitFor();
  await screen.getByText(/skipped: readme\.txt/).waitFor();
  assert.equal(await start.isEnabled(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('while the scan still finds files, no percentage and no time left; then the real total', async () => {
  const folder = path.join(base, 'Many');
  await mkdir(folder, { recursive: true });
  const originals = await realPhotos(12, 800);
  for (let i = 0; i < 36; i++)
    await copyFile(
      originals[i % originals.length]!,
      path.join(folder, `p${String(i).padStart(2, '0')}.jpg`),
    );
  const { page, errors } = await openWindow(browser, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await usePath(page, folder);
  await screen.getByText('36 photos to process').waitFor();
  // One worker and a blur: the scan (which runs only a few photos ahead) overlaps processing.
  await screen.getByLabel('Blur', { exact: true }).fill('10');
  await screen.getByLabel('Workers', { exact: true }).fill('1');
  // Every frame of the progress panel, as the user would have seen it.
  await page.evaluate(() => {
    const seen: { left: string; right: string; now: string | null; remaining: string }[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar][aria-label="Processing progress"]');
      if (!bar) return;
      const label = bar.parentElement!.querySelector('.progress-label')!.children;
      const remaining = Array.from(document.querySelectorAll('#screen-run .stat')).find(
        (s) => s.querySelector('.k')?.textContent === 'Remaining',
      );
      seen.push({
        left: label[0]?.textContent ?? '',
        right: label[1]?.textContent ?? '',
        now: bar.getAttribute('aria-valuenow'),
        remaining: remaining?.querySelector('.v')?.textContent ?? '',
      });
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  await screen.getByRole('button', { name: /^Start/ }).click();
  await page.getByText(/^Done: 36 photos in /).waitFor({ timeout: 120_000 });
  const seen = await page.evaluate(
    () =>
      (
        window as unknown as {
          seen: { left: string; right: string; now: string | null; remaining: string }[];
        }
      ).seen,
  );
  const scanning = seen.filter((s) => s.left.includes('found so far'));
  assert.ok(scanning.length > 0, 'the scan overlapped processing (else this test proves nothing)');
  for (const s of scanning) {
    assert.equal(s.right, '', `no percentage while scanning: ${JSON.stringify(s)}`);
    assert.equal(s.now, null, `no aria-valuenow while scanning: ${JSON.stringify(s)}`);
    assert.ok(!/\d:\d\d/.test(s.remaining), `no time left while scanning: ${JSON.stringify(s)}`);
  }
  assert.ok(
    seen.every((s) => !/^\d+ of \d+$/.test(s.left) || s.left.endsWith('of 36')),
    'once the total is shown as a total, it is the real one',
  );
  await page.getByText('36 of 36').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
