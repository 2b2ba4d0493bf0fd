// Compare only what compares: a download run against a process run gets a line saying how they
// differ, no speedup or efficiency, and the download setting that varies ("downloads at once")
// as its own column; every jargon column header explains itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
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
let images: ImageServer;

before(async () => {
  await ensureBuilt();
  [serve, browser, images] = await Promise.all([startServe(), launchBrowser(), startImageServer()]);
  const dir = await tempDir('photobatch-e2e-compare-unalike-');
  const folder = path.join(dir, 'Park');
  await mkdir(folder, { recursive: true });
  for (const photo of await realPhotos(3, 800))
    await copyFile(photo, path.join(folder, path.basename(photo)));
  const urls = path.join(dir, 'urls.txt');
  await writeFile(urls, [1, 2, 3].map((i) => images.url(`/photo/800x600/p${i}.jpg`)).join('\n'));
  const processed = await runCli([
    'process',
    folder,
    '--out',
    path.join(dir, 'out'),
    '--db',
    serve.dbPath,
  ]);
  assert.equal(processed.code, 0, processed.stderr);
  const downloaded = await runCli([
    'download',
    urls,
    '--out',
    path.join(dir, 'dl'),
    '--db',
    serve.dbPath,
  ]);
  assert.equal(downloaded.code, 0, downloaded.stderr);
});

after(async () => {
  await browser?.close();
  await serve?.close();
  await images?.close();
});

test('a download run against a process run: the difference said, no efficiency, downloads at once shown', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' });
  await history.getByRole('checkbox', { name: /^Select run 1,/ }).check();
  await history.getByRole('checkbox', { name: /^Select run 2,/ }).check();
  await history.getByRole('button', { name: 'Compare 2 runs' }).click();
  const compare = page.getByRole('tabpanel', { name: 'Compare' });
  await compare.getByText('These runs are not alike, so not every figure compares:').waitFor();
  await compare
    .getByText(/#\d is a (download|process) run and #\d a (download|process) run: different work/)
    .waitFor();
  const table = compare.locator('table.metrics');
  await table.locator('tbody tr').nth(1).waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  const col = (name: string) => headers.findIndex((h) => h.trim() === name);
  assert.ok(col('Downloads at once') >= 0, headers.join(' | '));
  for (const row of await table.locator('tbody tr').all()) {
    const cells = await row.locator('td, th').allInnerTexts();
    assert.ok(
      !/%/.test(cells[col('Efficiency')]!),
      `no efficiency for unlike runs: ${cells.join(' | ')}`,
    );
    assert.ok(
      !/^\d+\.\d\d×$/.test(cells[col('Speedup')]!.trim()),
      `no speedup: ${cells.join(' | ')}`,
    );
  }
  // Jargon explained where it is used.
  for (const name of ['Efficiency', 'MP/s', 'p50 / image', 'p95 / image', 'Speedup']) {
    const title = await table.locator('thead th').nth(col(name)).getAttribute('title');
    assert.ok(title && title.length > 20, `${name} has a tooltip`);
  }
  assert.equal(
    await compare.getByText(/sooner than|longer than/).count(),
    0,
    'no headline speedup',
  );
  await screenshot(page, 'compare-unalike');
  assert.deepEqual(errors, []);
  await page.close();
});
