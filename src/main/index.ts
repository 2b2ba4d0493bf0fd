/**
 * Electron main's entry, as electron-vite builds it. Everything else lives in desktop-app.ts so
 * that it can be tested in plain Node; this file only knows where the built pieces are.
 */
import { app } from 'electron';
import path from 'node:path';
import workerPath from '../worker/worker-main?modulePath';
import iconPath from '../../resources/icon.png?asset';
import { startDesktopApp } from './desktop-app.js';
import { electronSqliteBinding } from './native-binding.js';

const here = import.meta.dirname;
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
// node_modules holds better-sqlite3 built for Node (the CLI and tests use it); the app loads the
// Electron build from native/ in the checkout, or from the packaged app's resources.
const sqlite = electronSqliteBinding(
  app.isPackaged ? process.resourcesPath : path.resolve(here, '../..'),
  process.versions.modules,
);

void startDesktopApp({
  workerPath,
  preloadPath: path.join(here, '../preload/index.cjs'),
  iconPath,
  renderer: devUrl ? { devUrl } : { dir: path.join(here, '../renderer') },
  ...(sqlite.path !== null ? { sqliteBinding: sqlite.path } : { sqliteHint: sqlite.hint }),
}).catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
