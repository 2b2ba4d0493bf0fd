/**
 * The one window, built to Electron's security checklist: context isolation, sandbox, no Node in
 * the page, no navigation away, no new windows, no webviews, every permission request denied.
 */
import { BrowserWindow, app, session } from 'electron';
import type { WebContents } from 'electron';

/** Where the window's page comes from: electron-vite's dev server, or the built files. */
export type RendererSource = { devUrl: string } | { appUrl: string };

/** The origin IPC messages must come from, for a renderer source. */
export function rendererOrigin(source: RendererSource): string {
  return new URL('devUrl' in source ? source.devUrl : source.appUrl).origin;
}

/**
 * Locks down every web contents the app ever creates (so a page that somehow opens one is locked
 * too): navigation and redirects to anywhere else are cancelled, new windows and webviews refused.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The app asks for no camera, notifications-from-page, geolocation…: every request is denied. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Creates the main window and loads the window's page. */
export function createMainWindow(options: {
  preloadPath: string;
  source: RendererSource;
  iconPath?: string;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Photobatch',
    ...(options.iconPath && process.platform !== 'darwin' ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  void window.loadURL('devUrl' in options.source ? options.source.devUrl : options.source.appUrl);
  return window;
}
