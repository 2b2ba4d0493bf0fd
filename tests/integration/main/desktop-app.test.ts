// Electron main's wiring in plain Node, against a small fake of the Electron APIs it uses: a
// process:start sent through main's IPC handler runs the real worker entry on real photos through
// the utility-process adapter, events reach the window, the taskbar shows progress, and the run is
// in the database. Also: the window's security settings, sender checks, protocol and quitting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_NAMES } from '../../../src/shared/contract.js';
import type {
  AppEvent,
  CommandOutcome,
  CommandResults,
  EventPayloads,
} from '../../../src/shared/contract.js';
import { EVENT_CHANNEL } from '../../../src/shared/channels.js';
import { RunStore } from '../../../src/db/run-store.js';
import { picturePath } from '../../../src/shared/pictures.js';
import sharp from 'sharp';
import { folderOfPhotos, tempDir } from '../../helpers/real-photos.js';

// `electron` must resolve to the fake before main's modules load, hence the dynamic imports.
register('./electron-alias-hooks.mjs', import.meta.url);
const fake = await import('./fake-electron.js');
const { startDesktopApp } = await import('../../../src/main/desktop-app.js');
type DesktopApp = NonNullable<Awaited<ReturnType<typeof startDesktopApp>>>;

const WORKER_ENTRY = fileURLToPath(new URL('../../../src/worker/worker-main.ts', import.meta.url));
const INDEX_HTML = '<!doctype html><title>window</title>';

let dir: string;
let desktop: DesktopApp;
let window: InstanceType<typeof fake.BrowserWindow>;

/** The event Electron would pass for an `ipcRenderer.invoke` from `contents`' top frame at `url`. */
function ipcEvent(
  contents = window.webContents,
  url = contents.mainFrame.url,
  parent: unknown = null,
) {
  return { sender: contents, senderFrame: { url, parent } };
}

async function invoke<K extends keyof CommandResults>(
  name: K,
  input: unknown,
  event = ipcEvent(),
): Promise<CommandOutcome<K>> {
  return (await fake.ipcMain.invoke(name, event, input)) as CommandOutcome<K>;
}

/** Events main sent to the window on the event channel. */
function windowEvents(): AppEvent[] {
  return window.webContents.sent
    .filter((s) => s.channel === EVENT_CHANNEL)
    .map((s) => s.payload as AppEvent);
}

function nextWindowEvent(match: (e: AppEvent) => boolean): Promise<AppEvent> {
  const seen = windowEvents().find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const listener = (channel: string, payload: AppEvent) => {
      if (channel === EVENT_CHANNEL && match(payload)) {
        window.webContents.off('fake:sent', listener);
        resolve(payload);
      }
    };
    window.webContents.on('fake:sent', listener);
  });
}

before(async () => {
  dir = await tempDir('photobatch-main-');
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  const started = await startDesktopApp({
    workerPath: WORKER_ENTRY,
    preloadPath: path.join(dir, 'preload', 'index.cjs'),
    renderer: { dir: rendererDir },
    dbPath: path.join(dir, 'data', 'photobatch.db'),
  });
  assert.ok(started, 'the single-instance lock was granted');
  desktop = started;
  window = fake.BrowserWindow.created.at(-1)!;
});

after(async () => {
  if (desktop && fake.app.quitCalls === 0) fake.app.quit();
  await desktop?.service.dispose();
});

test('the window is isolated, sandboxed, without Node, and loads the app:// page', () => {
  assert.equal(fake.app.name, 'Photobatch');
  const prefs = window.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, path.join(dir, 'preload', 'index.cjs'));
  assert.equal(window.webContents.url, 'app://photobatch/index.html');
});

test('navigation, new windows and permission requests are refused', () => {
  const navigation = fake.preventable();
  window.webContents.emit('will-navigate', navigation, 'https://evil.example/');
  assert.equal(navigation.defaultPrevented, true);
  const webview = fake.preventable();
  window.webContents.emit('will-attach-webview', webview, {}, {});
  assert.equal(webview.defaultPrevented, true);
  assert.deepEqual(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' }), {
    action: 'deny',
  });
  let granted: boolean | null = null;
  fake.session.defaultSession.permissionRequestHandler?.(
    window.webContents,
    'media',
    (g) => (granted = g),
  );
  assert.equal(granted, false);
  assert.equal(fake.session.defaultSession.permissionCheckHandler?.(), false);
});

test('the app:// protocol serves the built page with its CSP, and nothing outside it', async () => {
  const handler = fake.protocol.handlers.get('app')!;
  const page = await handler(new Request('app://photobatch/index.html'));
  assert.equal(await page.text(), INDEX_HTML);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const climb = await handler(new Request('app://photobatch/..%2F..%2Fdata%2Fphotobatch.db'));
  assert.notEqual(
    await climb.text(),
    (await import('node:fs')).readFileSync(path.join(dir, 'data', 'photobatch.db'), 'latin1'),
  );
  assert.equal((await handler(new Request('app://elsewhere/index.html'))).status, 404);
});

test('app://photobatch/pictures/ serves thumbnails made by a utility-process worker, 404 otherwise', async () => {
  const handler = fake.protocol.handlers.get('app')!;
  const photos = path.join(dir, 'pictures-in');
  await folderOfPhotos(photos, 1, 400);
  const listed = await invoke('inputs:photos', { inputs: [photos] });
  assert.ok(listed.ok);
  const { selectionId } = listed.value;
  const forksBefore = fake.forks.length;
  const answer = await handler(
    new Request(`app://photobatch${picturePath({ selectionId, index: 0 })}`),
  );
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-type'), 'image/webp');
  assert.match(answer.headers.get('cache-control') ?? '', /max-age/);
  const meta = await sharp(Buffer.from(await answer.arrayBuffer())).metadata();
  assert.equal(Math.max(meta.width ?? 0, meta.height ?? 0), 256);
  // Made by a worker forked through the utility-process host, not in main.
  assert.ok(fake.forks.length > forksBefore);
  for (const refused of [
    picturePath({ selectionId, index: 5 }),
    picturePath({ selectionId: 'unknown', index: 0 }),
    `/pictures/selection/${selectionId}/..%2F0`,
    '/pictures/run/9999/0/out',
  ]) {
    assert.equal((await handler(new Request(`app://photobatch${refused}`))).status, 404, refused);
  }
});

test('exactly the contract’s commands are handled over IPC', () => {
  assert.deepEqual([...fake.ipcMain.handlers.keys()].sort(), [...COMMAND_NAMES].sort());
});

test('messages from another page, a subframe or another window are refused', async () => {
  const refused = /refused: it did not come from the Photobatch window/;
  const foreign = await invoke(
    'settings:get',
    {},
    ipcEvent(window.webContents, 'https://evil.example/'),
  );
  assert.ok(!foreign.ok && refused.test(foreign.error.message));
  const subframe = await invoke(
    'settings:get',
    {},
    ipcEvent(window.webContents, 'app://photobatch/index.html', {}),
  );
  assert.ok(!subframe.ok && refused.test(subframe.error.message));
  const other = new fake.FakeWebContents();
  other.mainFrame = { url: 'app://photobatch/index.html', parent: null };
  const stranger = await invoke('settings:get', {}, ipcEvent(other));
  assert.ok(!stranger.ok && refused.test(stranger.error.message));
});

test('bad input gets an error in words, not a crash', async () => {
  const outcome = await invoke('runs:get', { runId: 'seven' });
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.error.message, /^invalid input for runs:get: runId:/);
  const settings = await invoke('settings:get', {});
  assert.ok(
    settings.ok && settings.value.host === 'electron' && settings.value.uploadLimits === null,
  );
});

test(
  'process:start over IPC runs real photos on utility-process workers; events, taskbar and database follow',
  { timeout: 120_000 },
  async () => {
    const input = path.join(dir, 'trip');
    await folderOfPhotos(input, 4, 400);
    const outcome = await invoke('process:start', {
      inputs: [input],
      outDir: null,
      settings: { fit: { width: 120, height: 120 }, workers: 2 },
      label: 'desktop',
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    const { runId } = outcome.value;

    const finished = await nextWindowEvent(
      (e) => e.name === 'run:finished' && e.payload.summary.runId === runId,
    );
    const { summary } = finished.payload as EventPayloads['run:finished'];
    assert.deepEqual(summary.items, { total: 4, ok: 4, failed: 0, skipped: 0 });
    const names = new Set(windowEvents().map((e) => e.name));
    for (const name of ['run:started', 'run:progress', 'item:done', 'run:finished'])
      assert.ok(names.has(name as AppEvent['name']), name);

    // Workers went through utilityProcess, named, with their environment set at spawn.
    assert.ok(fake.forks.length >= 2);
    for (const spawned of fake.forks) {
      assert.equal(spawned.modulePath, WORKER_ENTRY);
      assert.match(spawned.options.serviceName ?? '', /^Photobatch worker \d+$/);
      assert.equal(spawned.options.env?.MALLOC_ARENA_MAX, '2');
      assert.ok(Number(spawned.options.env?.UV_THREADPOOL_SIZE) >= 4);
    }

    // The taskbar showed progress and was cleared at the end.
    assert.ok(window.progress.some((p) => p.mode === 'normal' && p.value >= 0));
    assert.deepEqual(window.progress.at(-1), { value: -1, mode: 'none' });

    // The run is in the database the CLI reads, and the outputs beside the input.
    const store = RunStore.open(desktop.dbPath, { readonly: true });
    try {
      const run = store.getRun(runId);
      assert.equal(run?.status, 'completed');
      assert.equal(run?.ok, 4);
      assert.equal(run?.label, 'desktop');
    } finally {
      store.close();
    }
    assert.ok(existsSync(path.join(dir, 'trip-photobatch', 'photo-000.jpg')));
  },
);

test('a run’s images on app://photobatch/files/…, Show in folder and Open output folder', async () => {
  const store = RunStore.open(desktop.dbPath, { readonly: true });
  const run = store.listRuns().find((r) => r.label === 'desktop')!;
  const item = store.listItems(run.id).find((i) => i.status === 'ok')!;
  store.close();
  const handler = fake.protocol.handlers.get('app')!;
  const image = await handler(new Request(`app://photobatch/files/${run.id}/${item.seq}/output`));
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/jpeg');
  const { readFile } = await import('node:fs/promises');
  assert.deepEqual(Buffer.from(await image.arrayBuffer()), await readFile(item.output!));
  for (const bad of [
    `app://photobatch/files/${run.id}/${item.seq}/..%2F..%2Fdata%2Fphotobatch.db`,
    `app://photobatch/files/${run.id}/999/output`,
    `app://photobatch/files/${run.id}/results.zip`,
  ]) {
    assert.equal((await handler(new Request(bad))).status, 404, bad);
  }
  const shown = await invoke('shell:showItem', { runId: run.id, seq: item.seq });
  assert.deepEqual(shown, { ok: true, value: { shown: true } });
  assert.equal(fake.shell.revealed.at(-1), item.output);
  // Only ids cross: a path in the input is refused by the contract's schema, in main.
  const forged = await invoke('shell:showItem', { runId: run.id, path: '/etc/passwd' });
  assert.equal(forged.ok, false);
  const opened = await invoke('shell:openOutputFolder', { runId: run.id });
  assert.deepEqual(opened, { ok: true, value: { opened: true } });
  assert.equal(fake.shell.opened.at(-1), run.outDir);
});

test('the folder picker and open-folder go through the native dialogs', async () => {
  fake.dialog.nextPick = path.join(dir, 'trip');
  const picked = await invoke('dialog:pickFolder', {});
  assert.deepEqual(picked, { ok: true, value: { path: path.join(dir, 'trip') } });
  const opened = await invoke('shell:openPath', { path: path.join(dir, 'trip') });
  assert.deepEqual(opened, { ok: true, value: { opened: true } });
  assert.deepEqual(fake.shell.opened.at(-1), path.join(dir, 'trip'));
});

test(
  'quitting cancels what runs, stores it as cancelled and closes the database',
  { timeout: 120_000 },
  async () => {
    const input = path.join(dir, 'many');
    await folderOfPhotos(input, 40, 800);
    const outcome = await invoke('process:start', {
      inputs: [input],
      outDir: path.join(dir, 'many-out'),
      settings: { blur: 30, workers: 1 },
      label: null,
    });
    assert.ok(outcome.ok);
    await nextWindowEvent((e) => e.name === 'item:done' && e.payload.runId === outcome.value.runId);
    fake.app.quit();
    const finished = await nextWindowEvent(
      (e) => e.name === 'run:finished' && e.payload.summary.runId === outcome.value.runId,
    );
    assert.equal((finished.payload as EventPayloads['run:finished']).status, 'cancelled');
    // The app quits for real once the store is closed (the second quit is not prevented).
    while (fake.app.quitCalls < 2) await new Promise((resolve) => setImmediate(resolve));
    assert.throws(() => desktop.store.listRuns(), /not open/);
  },
);
