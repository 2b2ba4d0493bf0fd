import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import {
  defaultOutDir,
  oversubscriptionHint,
  readProcessForm,
  toFormValues,
} from '../../../src/renderer/src/common/process-settings-form.js';

test('defaults round-trip through the form unchanged', () => {
  const s = defaultProcessSettings(8);
  const r = readProcessForm(toFormValues(s));
  assert.ok(r.ok);
  assert.deepEqual(r.settings, {
    blur: null,
    fit: null,
    format: 'keep',
    quality: 80,
    workers: 8,
    threads: 1,
    pipeline: 'fast',
    metadata: 'keep-no-gps',
  });
});

test('blur and fit are read from text; empty means none', () => {
  const v = { ...toFormValues(defaultProcessSettings(4)), blur: ' 2.5 ', fit: '1600 x 1200' };
  const r = readProcessForm(v);
  assert.ok(r.ok);
  assert.equal(r.settings.blur, 2.5);
  assert.deepEqual(r.settings.fit, { width: 1600, height: 1200 });
});

test('every wrong field gets its own message in words', () => {
  const v = {
    ...toFormValues(defaultProcessSettings(4)),
    blur: '0.1',
    fit: '1600',
    quality: '101',
    workers: '0',
    threads: 'two',
  };
  const r = readProcessForm(v);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.errors.blur!, /0\.3 to 1000/);
  assert.match(r.errors.fit!, /1600x1200/);
  assert.match(r.errors.quality!, /1 to 100/);
  assert.match(r.errors.workers!, /1 to 64/);
  assert.match(r.errors.threads!, /whole number/);
  assert.equal(r.errors.format, undefined);
});

test('oversubscription is a hint, not an error', () => {
  assert.equal(oversubscriptionHint(4, 1, 8), null);
  assert.match(oversubscriptionHint(8, 4, 8)!, /32 threads on 8 cores/);
});

test('default output folder is a sibling of the first input', () => {
  assert.equal(defaultOutDir('/photos/Trip/'), '/photos/Trip-photobatch');
  assert.equal(defaultOutDir(undefined), null);
});

test('a size of the right shape but out of range names the range, not the shape', () => {
  const r = readProcessForm({ ...toFormValues(defaultProcessSettings(4)), fit: '200000x100' });
  assert.equal(r.ok, false);
  if (!r.ok)
    assert.equal(r.errors.fit, 'Width and height must each be a whole number from 1 to 100000');
});
