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

  // Resized from 1280 to 800 px wide: each timeline re-lays out inside its panel.
  await page.locator('svg.timeline-svg').first().waitFor();
  for (const width of [1024, 800]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForFunction(
      () => {
        const panel = document.querySelector(
          '#screen-compare section[aria-labelledby=cmp-timeline]',
        );
        const svgs = Array.from(document.querySelectorAll('#screen-compare svg.timeline-svg'));
        if (!panel || svgs.length === 0) return false;
        const right = panel.getBoundingClientRect().right;
        return svgs.every((svg) => svg.getBoundingClientRect().right <= right);
      },
      undefined,
      { timeout: 10_000 },
    );
    await screenshot(page, `compare-timeline-${width}`);
  }
  // History at 800 px: each row's actions sit in a menu that fits; opened, Delete is in view.
  await page.getByRole('tab', { name: 'History' }).click();
  const scroller = await history.locator('.table-scroll').boundingBox();
  const menu = history.getByLabel('Actions for run 1');
  const menuBox = await menu.boundingBox();
  assert.ok(
    menuBox && scroller && menuBox.x + menuBox.width <= scroller.x + scroller.width,
    `the menu fits: ${JSON.stringify({ menuBox, scroller })}`,
  );
  await menu.click();
  const del = history.getByRole('button', { name: 'Delete run 1' });
  await del.waitFor();
  const delBox = await del.boundingBox();
  const openScroller = (await history.locator('.table-scroll').boundingBox())!;
  for (const id of [1, 2]) {
    const b = (await history.getByLabel(`Actions for run ${id}`).boundingBox())!;
    assert.ok(b.x + b.width <= openScroller.x + openScroller.width, `run ${id}'s menu fits`);
  }
  assert.ok(
    delBox && delBox.y + delBox.height <= openScroller.y + openScroller.height,
    'the opened menu is not clipped by the table',
  );
  assert.ok(
    delBox && delBox.x >= 0 && delBox.x + delBox.width <= 800,
    `Delete in view: ${JSON.stringify(delBox)}`,
  );
  await screenshot(page, 'history-800');
  await page.setViewportSize({ width: 1280, height: 800 });
  const wideDelete = await history.getByRole('button', { name: 'Delete run 1' }).boundingBox();
  const wideScroller = await history.locator('.table-scroll').boundingBox();
  assert.ok(
    wideDelete &&
      wideScroller &&
      wideDelete.x + wideDelete.width <= wideScroller.x + wideScroller.width,
    'at 1280 px the Delete button of the row is not clipped',
  );
  assert.deepEqual(errors, []);
  await page.close();
});
