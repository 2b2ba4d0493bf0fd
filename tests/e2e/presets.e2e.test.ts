// Presets in the window, in Chromium against `photobatch serve`: a built-in one fills the
// settings and the menu says which preset the form still is; yours are saved (Enter in the name
// field saves, it does not start the run), renamed, deleted after a question, exported as a JSON
// file the CLI reads, and imported; a run with a preset writes what the preset says.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import { ensureBuilt, launchBrowser, openWindow, screenshot, startServe } from './harness.js';
import type { Serve } from './harness.js';
import { readPresetsFile } from '../../src/shared/presets.js';

let serve: Serve;
let browser: Browser;
let root: string;
let photosDir: string;

before(async () => {
  await ensureBuilt();
  serve = await startServe();
  browser = await launchBrowser();
  root = await tempDir('photobatch-e2e-presets-');
  photosDir = path.join(root, 'Meadow');
  await mkdir(photosDir, { recursive: true });
  for (const photo of await realPhotos(2, 900))
    await copyFile(photo, path.join(photosDir, path.basename(photo)));
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

test('presets: choose, save, rename, delete, export, import, and a run that follows one', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const { page, errors } = await openWindow(context, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.locator('#typed-path').fill(photosDir);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
  await screen.getByRole('heading', { name: 'Meadow' }).waitFor({ timeout: 30_000 });

  const menu = screen.getByLabel('Preset', { exact: true });
  const chosen = async () => (await menu.locator('option:checked').textContent())?.trim();
  assert.equal(await chosen(), 'Custom settings');

  // A built-in preset fills every field it names, and the menu shows it.
  await menu.selectOption({ label: 'Web: long edge 2048, WebP q80' });
  await screen.getByText('Preset “Web”: long edge 2048, WebP q80.').waitFor();
  assert.equal(await screen.getByLabel('Format', { exact: true }).inputValue(), 'webp');
  assert.equal(await screen.getByLabel('Long edge', { exact: true }).inputValue(), '2048');
  assert.match((await chosen())!, /^Web:/);
  // Changing a field the preset set: the form is no longer that preset.
  await screen.getByLabel('Quality', { exact: true }).fill('61');
  assert.equal(await chosen(), 'Custom settings');

  // Saved under a name (Enter in the name field saves; no run starts).
  await screen.getByRole('button', { name: 'Save as preset…' }).click();
  const name = screen.getByLabel('Preset name', { exact: true });
  await name.fill('Web 61');
  await name.press('Enter');
  await screen.getByText('Saved “Web 61”.').waitFor();
  assert.equal(await page.locator('.chip', { hasText: 'Running' }).count(), 0, 'no run started');
  assert.match((await chosen())!, /^Web 61: long edge 2048, WebP q61$/);
  // A built-in's name is refused in words.
  await screen.getByRole('button', { name: 'Save as preset…' }).click();
  await name.fill('thumbnails');
  await name.press('Enter');
  await screen.getByText('"Thumbnails" is a built-in preset: choose another name').waitFor();
  await screen.getByRole('button', { name: 'Cancel' }).click();

  await screen.getByRole('button', { name: 'Rename…' }).click();
  await screen.getByLabel('New name', { exact: true }).fill('Small web');
  await screen.getByRole('button', { name: 'Rename', exact: true }).click();
  await screen.getByText('Renamed “Web 61” to “Small web”.').waitFor();
  assert.match((await chosen())!, /^Small web:/);

  // Export: a file the CLI's import reads, holding the preset as saved.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    screen.getByRole('button', { name: 'Export…' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'photobatch-presets.json');
  const exported = readPresetsFile(await readFile((await download.path())!, 'utf8'));
  assert.ok('presets' in exported, JSON.stringify(exported));
  assert.deepEqual(exported.presets, [
    { name: 'Small web', settings: { longEdge: 2048, format: 'webp', quality: 61 } },
  ]);

  // Delete asks first; the settings stay as they were.
  await screen.getByRole('button', { name: 'Delete', exact: true }).click();
  await screen.getByRole('alertdialog', { name: 'Delete Small web?' }).waitFor();
  await screenshot(page, 'process-presets');
  await screen.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await screen.getByText('Deleted “Small web”. The settings stay as they are.').waitFor();
  assert.equal(await chosen(), 'Custom settings');
  assert.equal(await screen.getByLabel('Quality', { exact: true }).inputValue(), '61');

  // Import: the exported file brings it back; a file that is not one is said to be not one.
  const file = path.join(root, 'presets.json');
  await writeFile(file, await readFile((await download.path())!));
  await screen.locator('input[data-picker="presets"]').setInputFiles(file);
  await screen.getByText(/^Imported 1 preset from presets\.json\./).waitFor();
  assert.match((await chosen())!, /^Small web:/);
  const bad = path.join(root, 'bad.json');
  await writeFile(
    bad,
    JSON.stringify({
      format: 'photobatch-presets',
      version: 1,
      presets: [{ name: 'X', settings: { quality: 900 } }],
    }),
  );
  await screen.locator('input[data-picker="presets"]').setInputFiles(bad);
  await screen.getByText(/That file cannot be imported: preset "X": quality: /).waitFor();

  // A run with a built-in preset writes what it says: Thumbnails fill 400x400.
  await menu.selectOption({ label: 'Thumbnails: fill 400x400' });
  const out = path.join(root, 'thumbs');
  await screen.getByLabel('Output folder', { exact: true }).fill(out);
  await screen.getByRole('button', { name: /^Start/ }).click();
  await page
    .getByRole('tabpanel', { name: 'Live run' })
    .locator('.chip', { hasText: 'Completed' })
    .waitFor({ timeout: 60_000 });
  const names = await readdir(out);
  assert.equal(names.length, 2);
  for (const n of names) {
    const meta = await sharp(path.join(out, n)).metadata();
    assert.equal(`${meta.width}x${meta.height}`, '400x400', n);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
