/**
 * The desktop app: one secure window over the same command service the web shell uses, workers
 * on utilityProcess, the run history in the database the CLI uses by default (so a run from either
 * shows in both), taskbar progress, a native folder picker, one instance at a time.
 */
import { app, dialog, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import path from 'node:path';
import { EVENT_CHANNEL } from '../shared/channels.js';
import type { AppEvent, CommandName, CommandOutcome } from '../shared/contract.js';
import { RunStore } from '../db/run-store.js';
import { APP_NAME, resolveDbPath } from '../db/default-db-path.js';
import { createCommandService } from '../engine/command-handlers.js';
import { installLastResort } from '../engine/last-resort.js';
import type { CommandService } from '../engine/command-handlers.js';
import type { PictureService } from '../engine/picture-service.js';
import { APP_ORIGIN, DESKTOP_CSP, registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { runFileResponse } from './run-file-protocol.js';
import { installAppMenu } from './app-menu.js';
import { bindContractToIpc, isTrustedSender } from './ipc-bridge.js';
import { RunProgress } from './run-progress.js';
import {
  createMainWindow,
  denyAllPermissions,
  hardenAllWebContents,
  rendererOrigin,
} from './secure-window.js';
import type { RendererSource } from './secure-window.js';
import { utilityHostFactory } from './utility-host.js';

/** What the entry point knows about this build. */
export interface DesktopAppOptions {
  /** The bundled worker entry (electron-vite's `?modulePath`). */
  workerPath: string;
  /** The sandboxed preload (CommonJS). */
  preloadPath: string;
  /** The window's icon (Linux and Windows show it; macOS uses the bundle's). */
  iconPath?: string;
  /** electron-vite's dev server, or the built renderer folder served on app://photobatch. */
  renderer: { devUrl: string } | { dir: string };
  /** Default: the CLI's database (`PHOTOBATCH_DB`, else the user's data folder). */
  dbPath?: string;
  /** better-sqlite3 built for Electron's ABI (see native-binding.ts); absent: the default build. */
  sqliteBinding?: string;
  /** What to tell the user if the database cannot be opened without that build. */
  sqliteHint?: string;
}

/** The running app, for the entry point and tests. */
export interface DesktopApp {
  window(): BrowserWindow | null;
  service: CommandService;
  store: RunStore;
  dbPath: string;
}

/** Starts the app; resolves to null when another instance already runs (this one then quits). */
export async function startDesktopApp(options: DesktopAppOptions): Promise<DesktopApp | null> {
  // The name sets userData's folder, which is where the CLI looks for the database by default.
  app.setName(APP_NAME);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // An exception that escapes a timer or handler must not take main down with a run `running`:
  // live runs end `failed` in words, the window shows them, the app goes on.
  const removeLastResort = installLastResort({ say: (message) => console.error(message) });
  // Always: the window's pictures are on app:// even when its page comes from the dev server.
  registerAppScheme();
  hardenAllWebContents();
  await app.whenReady();
  denyAllPermissions();

  // The service exists by the time the window asks for a picture.
  let pictures: (() => PictureService) | null = null;
  const picturesNow = () => {
    if (!pictures) throw new Error('the engine is not ready yet');
    return pictures();
  };

  const dbPath = options.dbPath ?? resolveDbPath();
  let store: RunStore;
  try {
    store = RunStore.open(
      dbPath,
      options.sqliteBinding ? { nativeBinding: options.sqliteBinding } : {},
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(
      'Photobatch cannot open its run history',
      [dbPath, reason, options.sqliteHint].filter(Boolean).join('\n\n'),
    );
    app.exit(1);
    throw error;
  }

  // Served once the store is open: the window's images are a run's files, looked up in it.
  let source: RendererSource;
  const runFiles = (url: URL) => runFileResponse(store, url, DESKTOP_CSP);
  if ('dir' in options.renderer) {
    serveAppProtocol(options.renderer.dir, picturesNow, runFiles);
    source = { appUrl: `${APP_ORIGIN}/index.html` };
  } else {
    serveAppProtocol(null, picturesNow, runFiles);
    source = { devUrl: options.renderer.devUrl };
  }

  let window: BrowserWindow | null = null;
  const progress = new RunProgress(() => window);
  const emit = (event: AppEvent) => {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
    progress.onEvent(event);
  };
  const service = createCommandService({
    store,
    hostFactory: utilityHostFactory(options.workerPath),
    dataDir: path.dirname(dbPath),
    emit,
    host: {
      kind: 'electron',
      uploadLimits: null,
      async pickFolder() {
        const properties: ('openDirectory' | 'createDirectory')[] = [
          'openDirectory',
          'createDirectory',
        ];
        const picked = window
          ? await dialog.showOpenDialog(window, { properties })
          : await dialog.showOpenDialog({ properties });
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      async openFolder(folder) {
        // openPath answers an error message, or '' when the folder was opened.
        return (await shell.openPath(folder)) === '';
      },
      async revealItem(file) {
        shell.showItemInFolder(file);
        return true;
      },
    },
  });

  pictures = service.pictures;
  const origin = rendererOrigin(source);
  bindContractToIpc({
    trusted: (event) =>
      isTrustedSender(
        event,
        () => (window && !window.isDestroyed() ? [window.webContents] : []),
        origin,
      ),
    async dispatch(name: CommandName, input: unknown): Promise<CommandOutcome> {
      const outcome = await service.dispatch(name, input);
      if (
        name === 'run:cancel' &&
        outcome.ok &&
        (outcome.value as { cancelled: boolean }).cancelled
      ) {
        progress.markCancelling((input as { runId: number }).runId);
      }
      return outcome;
    },
  });
  installAppMenu({ dataDir: path.dirname(dbPath), isDev: 'devUrl' in options.renderer });

  const openWindow = () => {
    const created = createMainWindow({
      preloadPath: options.preloadPath,
      source,
      ...(options.iconPath ? { iconPath: options.iconPath } : {}),
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
  };
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Runs still going are cancelled and stored as such before the database closes.
    event.preventDefault();
    closing = true;
    void service.dispose().finally(() => {
      removeLastResort();
      store.close();
      app.quit();
    });
  });

  return { window: () => window, service, store, dbPath };
}
