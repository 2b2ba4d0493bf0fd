#!/usr/bin/env node
/**
 * `npm start`: builds, then opens the desktop app. Where Electron's runtime cannot be had (its
 * binary was never downloaded and cannot be now), or better-sqlite3 cannot be built for it, it
 * says so in one line and serves the same window with the web shell instead, printing the URL.
 * Extra arguments go to Electron (e.g. `npm start -- --no-sandbox`) or, for the web shell,
 * `--port N`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The Electron executable if it is on disk, without triggering a download (electron's index.js would). */
export function installedElectron(dir = ELECTRON_DIR) {
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Tries electron's own installer once, quietly; the binary or null. */
function downloadElectron() {
  const installer = path.join(ELECTRON_DIR, 'install.js');
  if (!existsSync(installer)) return null;
  spawnSync(process.execPath, [installer], {
    cwd: ELECTRON_DIR,
    stdio: 'ignore',
    timeout: 5 * 60_000,
  });
  return installedElectron();
}

/** Runs a command with the terminal attached; its exit status. */
function run(command, args, options = {}) {
  return (
    spawnSync(command, args, {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
      ...options,
    }).status ?? 1
  );
}

/**
 * Hands the terminal to a child until it exits. Ctrl+C already reaches the child (the terminal
 * signals the whole group), so it is not forwarded: a second SIGINT would cut its clean-up short.
 */
function handOver(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

function startWebShell(reason, args) {
  console.log(`Photobatch: ${reason}, so it opens in your browser instead (the web shell):`);
  handOver(process.execPath, [
    path.join(ROOT, 'bin', 'photobatch.js'),
    'serve',
    ...args.filter((a, i) => a === '--port' || args[i - 1] === '--port'),
  ]);
}

function main() {
  const args = process.argv.slice(2);
  if (run(npm, ['run', '--silent', 'build']) !== 0) {
    console.error('Photobatch: the build failed (see above).');
    process.exit(1);
  }
  const electron = installedElectron() ?? downloadElectron();
  if (!electron)
    return startWebShell(
      "Electron's runtime is not installed and could not be downloaded here",
      args,
    );
  // better-sqlite3 in node_modules is built for Node; the app needs a build for Electron's ABI.
  if (
    run(process.execPath, [path.join(ROOT, 'scripts', 'electron-native.mjs')], {
      stdio: ['ignore', 'ignore', 'ignore'],
    }) !== 0
  ) {
    return startWebShell(
      'better-sqlite3 could not be built for Electron here (`npm run rebuild:electron` shows why)',
      args,
    );
  }
  if (process.platform === 'linux' && process.getuid?.() === 0 && !args.includes('--no-sandbox')) {
    console.log(
      'Photobatch: Electron will not start as root unless you pass --no-sandbox (npm start -- --no-sandbox), which turns off Chromium’s sandbox.',
    );
  }
  handOver(electron, [ROOT, ...args]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
