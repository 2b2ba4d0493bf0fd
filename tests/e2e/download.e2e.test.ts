// Paste URLs served on 127.0.0.1 → the window counts good lines and marks the bad one → the
// downloads finish and are processed as they arrive → the timeline shows both stages overlapping.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
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

before(async () => {
  await ensureBuilt();
  [serve, browser, images] = await Promise.all([
    startServe(),
    launchBrowser(),
    startImageServer({ latencyMs: 150 }),
  ]);
});

after(async () => {
  await browser?.close();
  await serve?.close();
  await images?.close();
});

test('paste URLs → live check marks the bad line → download and process → both stages on the timeline', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await page.getByRole('tab', { name: 'Download' }).click();
  const screen = page.getByRole('tabpanel', { name: 'Download' });

  const photos = Array.from({ length: 8 }, (_, i) =>
    images.url(`/photo/1600x1200/beach-${i + 1}.jpg?w=1600`),
  );
  const list = [
    '# holiday, from the shared album',
    ...photos.slice(0, 4),
    'ftp://files.example.com/old-scan.jpg',
    ...photos.slice(4),
    photos[0]!,
    images.url('/status/404/missing.jpg'),
    '',
  ].join('\n');
  const box = screen.getByRole('textbox', { name: 'Image addresses, one a line' });
  await box.fill(list);

  const counts = screen.getByRole('status').filter({ hasText: 'to download' });
  await counts.getByText('9 addresses to download').waitFor();
  assert.match((await counts.textContent()) ?? '', /1 duplicate \(fetched once\).*1 bad line/);
  const bad = screen.getByRole('list', { name: 'Bad lines' }).getByRole('button');
  assert.equal(await bad.count(), 1);
  assert.match(
    (await bad.textContent()) ?? '',
    /Line 6.*ftp:\/\/files\.example\.com\/old-scan\.jpg.*only http and https/,
  );
  // The bad line's button selects that line in the box, to fix it from the keyboard.
  await bad.click();
  const selected = await box.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(el.selectionStart, el.selectionEnd),
  );
  assert.equal(selected, 'ftp://files.example.com/old-scan.jpg');

  await screen.getByLabel('Downloads at once', { exact: true }).fill('4');
  await screen.getByLabel('Label (optional)').fill('Shared album');
  await screen.getByRole('checkbox', { name: /Process after download/ }).check();
  await screen.getByLabel('Fit inside', { exact: true }).fill('800x600');
  await screen.getByLabel('Workers', { exact: true }).fill('2');
  await page.evaluate(() => document.querySelector('#screen-download')?.scrollTo(0, 0));
  await screenshotBoth(page, 'download');
  await screen.getByRole('button', { name: 'Download 9 images' }).click();

  await page.getByRole('tab', { name: /Live run/, selected: true }).waitFor();
  await page.getByRole('heading', { name: /Downloading · Shared album/ }).waitFor();
  await page.getByText(/^Done: 8 images in /).waitFor({ timeout: 60_000 });
  const failures = page.getByRole('region', { name: /Failures/ });
  await failures
    .getByText(/missing\.jpg/)
    .first()
    .waitFor();
  await failures.getByText(/404/).first().waitFor();
  await failures
    .getByText(/old-scan\.jpg/)
    .first()
    .waitFor();
  await screenshotBoth(page, 'live-download');

  // On disk: eight photos downloaded into the run's folder, processed versions beside them.
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/photobatch.js'), 'runs', '--json', '--db', serve.dbPath],
    { encoding: 'utf8' },
  );
  const run = (
    JSON.parse(r.stdout) as { runs: { kind: string; ok: number; outDir: string }[] }
  ).runs.find((x) => x.kind === 'download')!;
  assert.equal(run.ok, 8);
  const files = (await readdir(run.outDir, { recursive: true }))
    .map(String)
    .filter((f) => /beach-\d\.jpg$/.test(f));
  assert.ok(files.length >= 8, `downloaded files: ${files.join(', ')}`);

  // History → one run's timeline: download lanes and worker lanes, and how long they overlapped.
  await page.getByRole('tab', { name: 'History' }).click();
  const row = page.locator('table.history tbody tr', { hasText: 'Shared album' });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Show timeline' }).click();
  await page.getByRole('heading', { name: 'Compare run' }).waitFor();
  const timeline = page.locator('figure.timeline');
  await timeline.locator('text.lane-label', { hasText: 'Download 1' }).waitFor();
  await timeline.locator('rect.bar.process').first().waitFor();
  assert.equal(await timeline.locator('text.lane-label', { hasText: 'Worker 1' }).count(), 1);
  assert.ok((await timeline.locator('rect.bar.download').count()) >= 8);
  assert.ok((await timeline.locator('rect.bar.process').count()) >= 8);
  assert.match((await timeline.locator('figcaption').textContent()) ?? '', /both at once \d/);
  await page.locator('#cmp-timeline').scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'compare-download');
  assert.deepEqual(errors, []);
  await page.close();
});
