// 10,000 items: the window stays responsive while they stream in (events batched per frame,
// failures virtualised), and the run's timeline draws a bounded number of shapes.
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
  [serve, browser, images] = await Promise.all([startServe(), launchBrowser(), startImageServer()]);
});

after(async () => {
  await browser?.close();
  await serve?.close();
  await images?.close();
});

test('10,000 URLs: counts keep up, the page never freezes, failures stay virtualised', async () => {
  const { page, errors } = await openWindow(browser, serve.url);
  await page.getByRole('tab', { name: 'Download' }).click();
  const screen = page.getByRole('tabpanel', { name: 'Download' });
  // Half real images, half 404s: 5,000 failures to list.
  const list = Array.from({ length: 10_000 }, (_, i) =>
    images.url(i % 2 ? `/status/404/gone-${i}.jpg` : `/img/photo-${i}.jpg`),
  ).join('\n');
  // As a paste lands: one input event with the whole text (typing 1.2 MB key by key is not the point).
  const t0 = Date.now();
  await screen
    .getByRole('textbox', { name: 'Image addresses, one a line' })
    .evaluate((el: HTMLTextAreaElement, text: string) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, text);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, list);
  await screen.getByText('10,000 addresses to download').waitFor();
  console.log(`10,000 lines checked ${Date.now() - t0} ms after the paste`);
  await screen.getByLabel('Downloads at once', { exact: true }).fill('64');
  await screen.getByLabel('Label (optional)').fill('Ten thousand');

  // Long tasks (main thread blocked > 50 ms) from here on.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => w.longTasks.push(e.duration)),
    ).observe({ type: 'longtask', buffered: false });
  });
  await screen.getByRole('button', { name: 'Download 10,000 images' }).click();
  await page.getByText(/^Done: 5,000 images in /).waitFor({ timeout: 150_000 });

  const failures = page.getByRole('region', { name: /Failures/ });
  assert.match((await failures.getByRole('heading').textContent()) ?? '', /Failures \(5,000\)/);
  const rows = await failures.getByRole('listitem').count();
  assert.ok(rows > 0 && rows < 80, `${rows} failure rows in the DOM for 5,000 failures`);
  // Scrolling to the end shows the last ones, still without rendering them all.
  await failures.locator('.failures-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await failures
    .getByText(/gone-9999\.jpg/)
    .first()
    .waitFor();

  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks,
  );
  const worst = Math.max(0, ...longTasks);
  console.log(`long tasks during the run: ${longTasks.length}, worst ${Math.round(worst)} ms`);
  assert.ok(worst < 1000, `the page froze for ${Math.round(worst)} ms`);

  // Its timeline: 10,000 bars, drawn as at most one shape per lane and pixel column (sub-pixel
  // bars that touch are merged; visible gaps stay), in well under a second.
  await page.getByRole('tab', { name: 'History' }).click();
  await page
    .locator('table.history tbody tr', { hasText: 'Ten thousand' })
    .getByRole('checkbox')
    .check();
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Show timeline' }).click();
  const timeline = page.locator('figure.timeline');
  await timeline.locator('rect.bar').first().waitFor({ timeout: 30_000 });
  console.log(`timeline of 10,000 bars shown ${Date.now() - t1} ms after the click`);
  const { rects, lanes, width } = await timeline.locator('svg.timeline-svg').evaluate((svg) => ({
    rects: svg.querySelectorAll('rect.bar').length,
    lanes: svg.querySelectorAll('rect.lane-track').length,
    width: svg.getBoundingClientRect().width,
  }));
  console.log(`${rects} rects on ${lanes} lanes`);
  assert.ok(rects <= lanes * width, `${rects} rects for ${lanes} lanes of ${width} px`);
  await page.locator('#cmp-timeline').scrollIntoViewIfNeeded();
  await screenshot(page, 'scale-timeline');
  assert.deepEqual(errors, []);
  await page.close();
});
