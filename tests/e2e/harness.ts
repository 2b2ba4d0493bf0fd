/**
 * End-to-end harness: builds what is missing, starts `photobatch serve` as a user would (its own
 * database and data folder in a temp dir), and drives Debian's Chromium with playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');
const CLI_OUT = path.join(ROOT, 'out', 'node', 'cli', 'main.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The CLI (out/node) and the window (out/renderer) must be built. `npm test` builds both; run on
 * their own, the e2e tests rebuild the window when its sources are newer than the build, so they
 * never drive an old window.
 */
export async function ensureBuilt(): Promise<void> {
  // Test files run in parallel: one builds, the others wait for it (mkdir is atomic).
  const lock = path.join(ROOT, 'out', '.e2e-build-lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${lock} stayed locked for 3 minutes; remove it if no test is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    buildIfStale();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildIfStale(): void {
  const nodeSources = Math.max(
    ...['shared', 'engine', 'worker', 'db', 'cli', 'web'].map((d) =>
      newestMtime(path.join(ROOT, 'src', d)),
    ),
  );
  if (!existsSync(CLI_OUT) || statSync(CLI_OUT).mtimeMs < nodeSources) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node.json'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('building the CLI (tsc -p tsconfig.node.json) failed');
  }
  const index = path.join(RENDERER_OUT, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src/renderer')),
    newestMtime(path.join(ROOT, 'src/shared')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // The project's own build (electron-vite: the same renderer, CSP meta tag included, as shipped).
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0)
    throw new Error(`building the window (electron-vite build) failed:\n${r.stdout}\n${r.stderr}`);
}

/** A running `photobatch serve`. */
export interface Serve {
  url: string;
  origin: string;
  port: number;
  dataDir: string;
  dbPath: string;
  close(): Promise<void>;
  /** Kills it at once (SIGKILL, as a crash would), keeping its data folder for a restart. */
  kill(): Promise<void>;
}

/** Where and on what to start; a restart passes the same port and data folder. */
export interface ServeOptions {
  port?: number;
  dataDir?: string;
}

/** Starts `photobatch serve --json` on a free port (or `port`) with a fresh database (or `dataDir`'s). */
export async function startServe(options: ServeOptions = {}): Promise<Serve> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'photobatch-e2e-')));
  const dbPath = path.join(dataDir, 'photobatch.sqlite');
  const port = options.port ? ['--port', String(options.port)] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/photobatch.js'), 'serve', '--json', '--db', dbPath, ...port],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`photobatch serve printed no URL in 20 s; stderr: ${stderr}`)),
      20_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url"\s*:\s*"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`photobatch serve exited with ${code}: ${stderr}`)),
    );
  });
  return {
    url,
    origin: new URL(url).origin,
    port: Number(new URL(url).port),
    dataDir,
    dbPath,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, quiet (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page of the window at 1280×800, with page errors collected so a test can assert there were none. */
export async function openWindow(
  browser: Browser | BrowserContext,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; errors: string[] }> {
  // A context of its own, unless the test passes one (pages sharing cookies, e.g. after a restart).
  const page =
    'newContext' in browser
      ? await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme })
      : await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A resource's error names the address only in its location: say which one failed.
    const where = m.location().url;
    if (m.type() === 'error') errors.push(where ? `${m.text()} (${where})` : m.text());
  });
  // Playwright turns on file-chooser interception when the first listener is added, over the
  // wire: a test that starts waiting for a chooser just before pressing Ctrl+O can lose the race
  // and the chooser opens unseen. One listener from the start keeps interception on.
  page.on('filechooser', () => {});
  await page.goto(url);
  // The tabs show at once; the screens (and their keyboard shortcuts) only once the engine's
  // settings have arrived over the socket, which on a loaded machine can take a moment.
  await page.getByRole('tabpanel', { name: 'Process' }).waitFor({ timeout: 30_000 });
  return { page, errors };
}

/**
 * Screenshots of the main screens: into test-results/screenshots on every run (to look at), and
 * into docs/screenshots (the README's) when PHOTOBATCH_UPDATE_SCREENSHOTS=1.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dirs = [path.join(ROOT, 'test-results', 'screenshots')];
  if (process.env.PHOTOBATCH_UPDATE_SCREENSHOTS === '1')
    dirs.push(path.join(ROOT, 'docs', 'screenshots'));
  // Let the last frame's batched state and any chart layout settle.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
  }
}

/** Both colour schemes of the same screen. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}
