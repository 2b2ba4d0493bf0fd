/**
 * Where the database lives: the folder Electron's `app.getPath('userData')` gives for an app
 * named "Photobatch", so the desktop app and the CLI (which has no Electron) share one file.
 */
import { homedir } from 'node:os';
import path from 'node:path';

/** The app's name as Electron sees it; it names the data folder. */
export const APP_NAME = 'Photobatch';
/** File name of the database inside the data folder. */
export const DB_FILE_NAME = 'photobatch.db';
/** Environment variable that overrides the database path. */
export const DB_ENV_VAR = 'PHOTOBATCH_DB';

/** Where to look for the data folder; defaults are this process's. */
export interface DataDirOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * The user's data folder for Photobatch, as Electron computes `userData`: `appData` + app name,
 * where `appData` is `%APPDATA%` (Windows), `~/Library/Application Support` (macOS) or
 * `$XDG_CONFIG_HOME`, else `~/.config` (Linux and other Unixes).
 */
export function defaultDataDir(options: DataDirOptions = {}): string {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  // Use the target platform's path rules, so a Windows path is built right even in tests on Linux.
  const p = platform === 'win32' ? path.win32 : path.posix;
  switch (platform) {
    case 'win32':
      return p.join(env.APPDATA || p.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return p.join(home, 'Library', 'Application Support', APP_NAME);
    default: {
      // Chromium's GetXDGDirectory takes any non-empty value as is; an empty one means unset.
      return p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), APP_NAME);
    }
  }
}

/** Inputs of `resolveDbPath`. */
export interface ResolveDbPathOptions extends DataDirOptions {
  /** Value of `--db`, if given. */
  flag?: string;
}

/** The database path: `--db` beats `PHOTOBATCH_DB` beats the data folder's `photobatch.db`. */
export function resolveDbPath(options: ResolveDbPathOptions = {}): string {
  const env = options.env ?? process.env;
  if (options.flag) return path.resolve(options.flag);
  const fromEnv = env[DB_ENV_VAR];
  if (fromEnv) return path.resolve(fromEnv);
  const platform = options.platform ?? process.platform;
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(defaultDataDir(options), DB_FILE_NAME);
}
