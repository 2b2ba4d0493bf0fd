// Every screen, light and dark, passes axe-core (WCAG 2 A/AA: contrast, names, roles, landmarks)
// with zero violations, and has exactly one h1. axe is injected by the test only: the shipped
// page's policy allows no script but its own, so this context bypasses it (tests only).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../helpers/cli.js';
import { realPhotos, tempDir } from '../helpers/real-photos.js';
import { ensureBuilt, launchBrowser, openWindow, startServe, type Serve } from './harness.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let serve: Serve;
let browser: Browser;
let folder: string;

before(async () => {
  await ensureBuilt();
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  const dir = await tempDir('photobatch-e2e-a11y-');
  folder = path.join(dir, 'Garden');
  await mkdir(folder, { recursive: true });
  for (const photo of await realPhotos(4, 800))
    await copyFile(photo, path.join(folder, path.basename(photo)));
  for (const workers of ['1', '2']) {
    const r = await runCli([
      'process',
      folder,
      '--workers',
      workers,
      '--out',
      path.join(dir, `out${workers}`),
      '--db',
      serve.dbPath,
    ]);
    assert.equal(r.code, 0, r.stderr);
  }
});

after(async () => {
  await browser?.close();
  await serve?.close();
});

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe's violations on the page as shown now, in both colour schemes, and the h1 count. */
async function check(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let any colour change settle (a transition or animation half-way would be measured).
    await page.waitForTimeout(400);
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    });
    for (const v of violations)
      problems.push(
        `${where} (${scheme}): ${v.id} — ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
      );
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const h1 = await page.locator('[role=tabpanel]:not([hidden]) h1').count();
  if (h1 !== 1) problems.push(`${where}: ${h1} h1 elements on the screen (expected one)`);
  return problems;
}

test('every screen passes axe-core in light and dark, with one h1 each', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  const { page, errors } = await openWindow(context, serve.url);
  await page.addScriptTag({ path: AXE });
  const problems: string[] = [];
  problems.push(...(await check(page, 'Process, empty')));
  const processScreen = page.getByRole('tabpanel', { name: 'Process' });
  await processScreen.getByLabel('Or type a path:').fill(folder);
  await processScreen.getByRole('button', { name: 'Use', exact: true }).click();
  await processScreen.getByText('4 photos to process').waitFor();
  problems.push(...(await check(page, 'Process, folder chosen')));
  await page.getByRole('tab', { name: 'Download' }).click();
  problems.push(...(await check(page, 'Download')));
  await page.getByRole('tab', { name: 'Live run' }).click();
  problems.push(...(await check(page, 'Live run, nothing running')));
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' });
  await history.locator('table.history tbody tr').nth(1).waitFor();
  problems.push(...(await check(page, 'History')));
  await history.getByRole('checkbox', { name: /^Select run 1,/ }).check();
  await history.getByRole('checkbox', { name: /^Select run 2,/ }).check();
  await history.getByRole('button', { name: 'Compare 2 runs' }).click();
  await page.locator('svg.timeline-svg').nth(1).waitFor({ timeout: 30_000 });
  problems.push(...(await check(page, 'Compare')));
  // A finished run on Live run (started here, so the view has its figures).
  await page.getByRole('tab', { name: 'Process' }).click();
  await processScreen.getByRole('button', { name: /^Start/ }).click();
  await page.getByText(/^Done: 4 photos in /).waitFor({ timeout: 60_000 });
  problems.push(...(await check(page, 'Live run, finished')));
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  await context.close();
});
