/**
 * The real desktop app in Electron's own runtime: a window opens, the sandboxed preload exposes the
 * contract client, and a command reaches main and the store. Needs Electron's binary, which cannot
 * be downloaded on our build machines: there this test skips, loudly, and says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { installedElectron } from '../../scripts/start.mjs';
import type { PhotobatchClient } from '../../src/shared/contract.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const electron = installedElectron();
const why = "Electron's runtime binary is not installed (it cannot be downloaded on this machine)";

if (!electron) {
  process.stderr.write(
    `\n*** SKIPPED: the real-Electron test — ${why}. Run it where Electron can be installed. ***\n\n`,
  );
}

test(
  'the desktop app opens its window and answers a command through the preload',
  { skip: electron ? false : why },
  async () => {
    const db = path.join(await mkdtemp(path.join(os.tmpdir(), 'photobatch-electron-')), 'runs.db');
    const app = await _electron.launch({
      executablePath: electron!,
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, PHOTOBATCH_DB: db },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { name: /process photos/i }).waitFor();
      const answer = await page.evaluate(() =>
        (window as unknown as { photobatch: PhotobatchClient }).photobatch.invoke('runs:list', {}),
      );
      assert.deepEqual(answer.runs, []);
      const isolated = await page.evaluate(
        () => typeof (globalThis as { require?: unknown }).require,
      );
      assert.equal(isolated, 'undefined', 'no Node integration in the page');
    } finally {
      await app.close();
    }
  },
);
