// A stored run's results in the browser: every photo with its sizes and saving, sorted by
// saving; the before/after viewer's divider dragged and moved by keys, zoomed to 1:1 and beyond
// and panned; the zip downloaded and read back: every output, byte for byte.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import yauzl from 'yauzl';
import { RunStore } from '../../src/db/run-store.js';
import { sizeChange } from '../../src/shared/savings.js';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import { runCli } from '../helpers/cli.js';
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
let runId: number;
let outDir: string;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  const root = await tempDir('photobatch-e2e-results-');
  const folder = path.join(root, 'Trip');
  outDir = path.join(root, 'Trip-web');
  const photos = await realPhotos(5, 1200);
  for (const [i, photo] of photos.entries()) {
    const sub = path.join(folder, i % 2 ? 'day 2' : 'day 1');
    await mkdir(sub, { recursive: true });
    await copyFile(photo, path.join(sub, `photo-${i}.jpg`));
  }
  // One that is not an image, so the run has a failure to retry.
  await writeFile(path.join(folder, 'broken.jpg'), '<html>not a photo</html>');
  // The same history database the web shell reads, as a run from the command line.
  const cli = await runCli(
    ['process', folder, '--out', outDir, '--format', 'webp', '--quality', '50', '--fit', '900x900'],
    { PHOTOBATCH_DB: serve.dbPath },
  );
  const m = /^run (\d+)/m.exec(cli.stdout);
  assert.ok(m, cli.stdout + cli.stderr);
  runId = Number(m[1]);
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

test('results sorted by saving, the before/after viewer, and the zip', async () => {
  const store = RunStore.open(serve.dbPath, { readonly: true });
  const items = store.listItems(runId);
  store.close();
  const ok = items.filter((i) => i.status === 'ok');
  assert.equal(ok.length, 5);
  const bySaving = [...ok]
    .sort(
      (a, b) =>
        sizeChange(b.bytesIn!, b.bytesOut!).savedBytes -
          sizeChange(a.bytesIn!, a.bytesOut!).savedBytes || a.seq - b.seq,
    )
    .map((i) => String(i.seq));

  const { page, errors } = await openWindow(browser, serve.url);
  await page.getByRole('tab', { name: 'History' }).click();
  await page
    .getByRole('button', { name: `Results of run ${runId}` })
    .first()
    .click();
  const screen = page.getByRole('tabpanel', { name: 'Results' });
  await screen.getByRole('heading', { name: 'Results' }).waitFor();
  await screen.getByText(/^5 photos · .+ → .+ \(−\d+%\) · /).waitFor();
  await screen.getByRole('button', { name: /^Retry failed \(1\)$/ }).waitFor();

  await screen.getByLabel('Sort').selectOption('saving');
  const rows = screen.locator('.results-scroll [role=row]');
  await rows.first().waitFor();
  const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
  assert.deepEqual(shown.slice(0, 5), bySaving, 'largest saving first, the failure last');
  assert.equal(
    await rows
      .nth(5)
      .getByText(/^Failed/)
      .count(),
    1,
  );
  await screenshotBoth(page, 'results');

  // The viewer: both images load through the confined route.
  const first = ok.find((i) => String(i.seq) === bySaving[0])!;
  await rows.first().getByRole('button').first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const viewport = dialog.locator('.ba-viewport');
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('.ba-viewport img')).every(
      (img) => img.complete && img.naturalWidth > 0,
    ),
  );
  const naturalAfter = await dialog
    .locator('.ba-clip img')
    .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  assert.deepEqual(naturalAfter, [first.widthOut, first.heightOut]);
  await dialog.getByText(`${first.widthIn}×${first.heightIn}`).first().waitFor();

  const attr = async (name: string) => Number(await viewport.getAttribute(name));
  assert.equal(await attr('data-divider'), 0.5);
  const box = (await viewport.boundingBox())!;
  const handle = (await dialog.locator('.ba-handle').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.ok(Math.abs((await attr('data-divider')) - 0.25) < 0.02, 'dragged to a quarter');
  await dialog.getByRole('separator').focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(Math.abs((await attr('data-divider')) - 0.3) < 0.02, 'the arrow key moves it');

  const fit = await attr('data-zoom');
  assert.notEqual(fit, 1, 'fit is the whole photo, not 1:1');
  await dialog.getByRole('button', { name: '1:1' }).click();
  assert.equal(await attr('data-zoom'), 1);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -100);
  await page.waitForFunction(
    () => Number(document.querySelector('.ba-viewport')?.getAttribute('data-zoom')) > 1,
  );
  // Panning moves both sides together (one transform).
  const transforms = () =>
    dialog
      .locator('.ba-layer')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.transform));
  const beforePan = await transforms();
  assert.equal(new Set(beforePan).size, 1);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4, { steps: 4 });
  await page.mouse.up();
  const afterPan = await transforms();
  assert.equal(new Set(afterPan).size, 1);
  assert.notEqual(afterPan[0], beforePan[0]);
  await screenshotBoth(page, 'viewer');
  await viewport.focus();
  await page.keyboard.press('0');
  assert.equal(await attr('data-zoom'), fit);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // The zip: every ok output under its path in the output folder, byte for byte.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    screen.getByRole('link', { name: 'Download results (.zip)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `photobatch-run-${runId}.zip`);
  const files = await readZip(await readFile((await download.path())!));
  const expected = ok.map((i) => path.relative(outDir, i.output!).split(path.sep).join('/'));
  assert.deepEqual([...files.keys()].sort(), expected.sort());
  for (const i of ok)
    assert.deepEqual(
      files.get(path.relative(outDir, i.output!).split(path.sep).join('/')),
      await readFile(i.output!),
    );
  assert.deepEqual(errors, []);
});
