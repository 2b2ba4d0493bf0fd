#!/usr/bin/env node
// Makes sure the Debian packages the tests (or the bench) need are installed: Chromium for the
// end-to-end tests, mate-backgrounds for real photos, redis-server for the queue tests (they start
// their own on a free port; the system service is never used), libheif-examples' heif-enc and
// libjxl-tools' cjxl to make HEIC and JPEG XL test files; the bench adds its peers (Pillow, curl, time).
// Installs them with apt-get when run as root (CI, these dev machines); otherwise prints the command.
// Usage: node scripts/ensure-system-packages.mjs [test|bench]
import { spawnSync } from 'node:child_process';

const PACKAGES = {
  test: ['chromium', 'mate-backgrounds', 'redis-server', 'libheif-examples', 'libjxl-tools'],
  bench: [
    'chromium',
    'mate-backgrounds',
    'redis-server',
    'libheif-examples',
    'libjxl-tools',
    'python3-pil',
    'curl',
    'time',
  ],
};
const purpose = process.argv[2] === 'bench' ? 'bench' : 'test';
if (process.platform !== 'linux' || spawnSync('dpkg', ['--version']).status !== 0) {
  console.error(
    `photobatch: not a Debian-like system; make sure you have: ${PACKAGES[purpose].join(', ')}`,
  );
  process.exit(0);
}
const installed = (name) => {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
};
const missing = PACKAGES[purpose].filter((p) => !installed(p));
if (missing.length === 0) process.exit(0);
const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.error(
    `photobatch: the ${purpose}s need Debian packages that are missing. Run:\n  sudo apt-get update && sudo ${command}`,
  );
  process.exit(1);
}
console.error(`photobatch: installing Debian packages for the ${purpose}s: ${missing.join(', ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) =>
  spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
if (
  !run(['update', '-qq']) ||
  !run(['install', '-y', '-qq', '--no-install-recommends', ...missing])
) {
  console.error(`photobatch: apt-get failed; try: ${command}`);
  process.exit(1);
}
