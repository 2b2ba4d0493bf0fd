// The window's advanced process options and "Copy as command", in Chromium against
// `photobatch serve`: the options under "More options" say what is wrong inline, the copied line
// is on the clipboard and shown, and that line run in a real shell by the real CLI writes the
// same outputs as the window's own run with those settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import { ensureBuilt, launchBrowser, openWindow, ROOT, screenshot, startServe } from './harness.js';
import type { Serve } from './harness.js';

let serve: Serve;
let browser: Browser;
let root: string;
let photosDir: string;

before(async () => {
  await ensureBuilt();
  serve = await startServe();
  browser = await launchBrowser();
  root = await tempDir('photobatch-e2e-options-');
  photosDir = path.join(root, 'Lake');
  await mkdir(photosDir, { recursive: true });
  for (const photo of await realPhotos(3, 1200))
    await copyFile(photo, path.join(photosDir, path.basename(photo)));
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

/** Width × height of every output in `dir`, by name. */
async function outputSizes(dir: string): Promise<Record<string, string>> {
  const sizes: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const meta = await sharp(path.join(dir, name)).metadata();
    sizes[name] = `${meta.format} ${meta.width}x${meta.height}`;
  }
  return sizes;
}

test('More options: wrong values said inline; Copy as command gives a line the CLI runs to the same outputs', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const { page, errors } = await openWindow(context, serve.url);
  const screen = page.getByRole('tabpanel', { name: 'Process' });
  await screen.locator('#typed-path').fill(photosDir);
  await screen.getByRole('button', { name: 'Use', exact: true }).click();
  await screen.getByRole('heading', { name: 'Lake' }).waitFor({ timeout: 30_000 });

  // Folded away until asked for; opened, each option has its labelled control.
  const more = screen.getByText(/^More options/);
  assert.equal(await screen.getByLabel('Long edge', { exact: true }).isVisible(), false);
  await more.click();
  await screen.getByLabel('Fit inside', { exact: true }).fill('1000x1000');
  await screen.getByLabel('Long edge', { exact: true }).fill('300');
  await screen.getByLabel('Sharpen', { exact: true }).fill('99');
  await screen.getByLabel('Output names', { exact: true }).fill('{name}-{size}');
  await screen.getByRole('button', { name: /^Start/ }).click();
  const twoModes = 'Fit inside and Long edge cannot be used together: choose one size mode';
  assert.equal(await screen.getByText(twoModes).count(), 2, 'both size fields say so');
  await screen.getByText('Sharpen must be a number from 0.3 to 10').waitFor();
  await screen.getByText(/^Unknown token \{size\} in the name template/).waitFor();
  assert.equal(await page.locator('.chip', { hasText: 'Running' }).count(), 0, 'no run started');
  assert.equal(
    await screen.getByRole('button', { name: 'Copy as command' }).isDisabled(),
    true,
    'no line while the form is wrong',
  );

  await screen.getByLabel('Fit inside', { exact: true }).fill('');
  await screen.getByLabel('Sharpen', { exact: true }).fill('1');
  await screen.getByLabel('Output names', { exact: true }).fill('{name}-{w}x{h}');
  // The hint shows what the template makes of an example photo.
  await screen.getByText('IMG_0042-1000x750', { exact: true }).waitFor();
  await screen.getByLabel('Rotate', { exact: true }).selectOption('90');
  await screen.getByLabel(/^Flop/).check();
  await screen.getByLabel('Format', { exact: true }).selectOption('webp');
  await screen.getByLabel('Workers', { exact: true }).fill('1');
  const windowOut = path.join(root, 'from-window');
  await screen.getByLabel('Output folder', { exact: true }).fill(windowOut);

  await screen.getByRole('button', { name: 'Copy as command' }).click();
  const shown = screen.getByLabel('The command line');
  await shown.waitFor();
  const line = await shown.inputValue();
  await screen.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), line);
  assert.match(line, /^photobatch process /);
  for (const option of [
    '--long-edge 300',
    '--rotate 90',
    '--flop',
    '--sharpen 1',
    '--format webp',
    "--name '{name}-{w}x{h}'",
  ])
    assert.ok(line.includes(option), `${option} in: ${line}`);
  await screenshot(page, 'process-more-options');

  // The line, in a real shell, with the CLI of this checkout and its own output folder.
  const cliOut = path.join(root, 'from-cli');
  const cliLine = line
    .replace(/^photobatch /, `${process.execPath} ${path.join(ROOT, 'bin/photobatch.js')} `)
    .replace(`--out ${windowOut}`, `--out ${cliOut}`);
  execFileSync('sh', ['-c', `${cliLine} --db ${path.join(root, 'cli.db')}`], { stdio: 'pipe' });

  await screen.getByRole('button', { name: /^Start/ }).click();
  await page
    .getByRole('tabpanel', { name: 'Live run' })
    .locator('.chip', { hasText: 'Completed' })
    .waitFor({ timeout: 60_000 });
  const fromWindow = await outputSizes(windowOut);
  assert.equal(Object.keys(fromWindow).length, 3);
  assert.deepEqual(await outputSizes(cliOut), fromWindow, 'the same outputs either way');
  for (const [name, size] of Object.entries(fromWindow)) {
    // Landscape photos turned a quarter: portrait, the long edge 300, and named by that size.
    const [, w, h] = /^webp (\d+)x(\d+)$/.exec(size)!.map(Number);
    assert.ok(h === 300 && w! < 300, size);
    assert.ok(name.endsWith(`-${w}x${h}.webp`), `${name} is named ${size}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
