import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { defaultDataDir, resolveDbPath } from '../../../src/db/default-db-path.js';

test('the data folder is where Electron puts userData for "Photobatch"', () => {
  assert.equal(
    defaultDataDir({ platform: 'linux', env: {}, home: '/home/ann' }),
    '/home/ann/.config/Photobatch',
  );
  assert.equal(
    defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ann' }),
    '/xdg/Photobatch',
  );
  assert.equal(
    defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '' }, home: '/home/ann' }),
    '/home/ann/.config/Photobatch',
  );
  assert.equal(
    defaultDataDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/Users/ann' }),
    '/Users/ann/Library/Application Support/Photobatch',
  );
  assert.equal(
    defaultDataDir({
      platform: 'win32',
      env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
      home: 'C:\\Users\\ann',
    }),
    'C:\\Users\\ann\\AppData\\Roaming\\Photobatch',
  );
});

test('--db beats PHOTOBATCH_DB beats the default file', () => {
  const env = { PHOTOBATCH_DB: '/env/runs.db', XDG_CONFIG_HOME: '/xdg' };
  const common = { platform: 'linux' as const, home: '/home/ann' };
  assert.equal(resolveDbPath({ ...common, env, flag: '/flag/runs.db' }), '/flag/runs.db');
  assert.equal(resolveDbPath({ ...common, env }), '/env/runs.db');
  assert.equal(
    resolveDbPath({ ...common, env: { XDG_CONFIG_HOME: '/xdg' } }),
    '/xdg/Photobatch/photobatch.db',
  );
  assert.equal(
    resolveDbPath({ ...common, env: {}, flag: 'rel/runs.db' }),
    path.resolve('rel/runs.db'),
  );
});
