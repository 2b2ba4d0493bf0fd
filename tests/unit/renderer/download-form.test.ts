import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DOWNLOAD_SETTINGS } from '../../../src/shared/settings.js';
import {
  readDownloadForm,
  toDownloadFormValues,
} from '../../../src/renderer/src/features/download/download-form.js';

test('defaults round-trip; seconds and MB become ms and bytes', () => {
  const v = toDownloadFormValues(DEFAULT_DOWNLOAD_SETTINGS);
  assert.deepEqual(v, {
    concurrency: '8',
    retries: '3',
    timeoutSeconds: '30',
    maxMegabytes: '100',
    maxTimeSeconds: '300',
    minSpeedKib: '1',
    existing: 'rename',
  });
  const r = readDownloadForm(v, DEFAULT_DOWNLOAD_SETTINGS);
  assert.ok(r.ok);
  assert.deepEqual(r.settings, DEFAULT_DOWNLOAD_SETTINGS);
  const r2 = readDownloadForm(
    { ...v, timeoutSeconds: '2.5', concurrency: '16' },
    DEFAULT_DOWNLOAD_SETTINGS,
  );
  assert.ok(r2.ok);
  assert.equal(r2.settings.timeoutMs, 2500);
  assert.equal(r2.settings.concurrency, 16);
  const r3 = readDownloadForm(
    { ...v, maxTimeSeconds: '60', minSpeedKib: '0', existing: 'skip' },
    DEFAULT_DOWNLOAD_SETTINGS,
  );
  assert.ok(r3.ok);
  assert.equal(r3.settings.maxTimeMs, 60_000);
  assert.equal(r3.settings.minSpeed, 0, '0 turns the lowest speed off');
  assert.equal(r3.settings.existing, 'skip');
});

test('wrong fields say what is allowed', () => {
  const r = readDownloadForm(
    {
      concurrency: '0',
      retries: '1.5',
      timeoutSeconds: 'x',
      maxMegabytes: '-1',
      maxTimeSeconds: '0',
      minSpeedKib: 'fast',
      existing: 'rename',
    },
    DEFAULT_DOWNLOAD_SETTINGS,
  );
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.errors.concurrency!, /1 to 256/);
  assert.match(r.errors.retries!, /whole number/);
  assert.match(r.errors.timeoutSeconds!, /seconds/);
  assert.match(r.errors.maxMegabytes!, /MB/);
  assert.match(r.errors.maxTimeSeconds!, /^Longest time per file must be a number from 1 to 86400/);
  assert.match(r.errors.minSpeedKib!, /^Lowest speed must be a number of KiB\/s, 0 for none/);
});
