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
    existing: 'overwrite',
    limitInputPixels: s.limitInputPixels,
    timeoutMs: s.timeoutMs,
    // Every operation said, as not asked: remembered settings merged under these cannot revive one.
    fill: null,
    position: 'centre',
    longEdge: null,
    scale: null,
    crop: null,
    rotate: null,
    flip: false,
    flop: false,
    sharpen: null,
    onlySmaller: false,
    nameTemplate: null,
  });
});

test('every advanced setting round-trips through the form', () => {
  const s = {
    ...defaultProcessSettings(2),
    fill: { width: 400, height: 300 },
    position: 'entropy' as const,
    crop: { width: 800, height: 600, left: 5, top: 7 },
    rotate: 90 as const,
    flip: true,
    flop: true,
    sharpen: 1.5,
    onlySmaller: true,
    nameTemplate: '{name}-{w}x{h}',
    existing: 'rename' as const,
    limitInputPixels: 50_000_000,
    timeoutMs: 12_500,
  };
  const r = readProcessForm(toFormValues(s));
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.settings, { ...s, longEdge: null, scale: null });
});

test('the pixel limit shown rounded keeps its exact value until the field is edited', () => {
  const v = toFormValues(defaultProcessSettings(2));
  assert.equal(v.maxPixels, '268.4');
  const kept = readProcessForm(v);
  assert.ok(kept.ok);
  assert.equal(kept.settings.limitInputPixels, 0x3fff * 0x3fff);
  const edited = readProcessForm({ ...v, maxPixels: '24' });
  assert.ok(edited.ok);
  assert.equal(edited.settings.limitInputPixels, 24_000_000);
});

test('advanced fields out of range or misspelt are named with the allowed values', () => {
  const v = toFormValues(defaultProcessSettings(2));
  const r = readProcessForm({
    ...v,
    longEdge: '0',
    scale: '5000%',
    sharpen: '99',
    crop: '800x600',
    fill: 'big',
    maxPixels: '0',
    timeout: '0.01',
    nameTemplate: '{name}-{size}',
  });
  assert.ok(!r.ok);
  assert.match(
    r.errors.nameTemplate!,
    /^Unknown token \{size\} in the name template: use \{name\}/,
  );
  assert.match(r.errors.longEdge!, /^Long edge must be a whole number from 1 to 100000$/);
  assert.match(r.errors.scale!, /^Scale \(percent\) must be a number from 1 to 1000$/);
  assert.match(r.errors.sharpen!, /^Sharpen must be a number from 0\.3 to 10$/);
  assert.match(r.errors.crop!, /800x600\+100\+50/);
  assert.match(r.errors.fill!, /400x400/);
  assert.match(r.errors.maxPixels!, /megapixels above 0/);
  assert.match(r.errors.timeout!, /^Time per photo must be a number from 0\.1 to 86400 seconds$/);
});

test('two size modes at once: both fields say so, in the words of their labels', () => {
  const v = toFormValues(defaultProcessSettings(2));
  const r = readProcessForm({ ...v, fit: '1000x1000', longEdge: '2048' });
  assert.ok(!r.ok);
  const message = 'Fit inside and Long edge cannot be used together: choose one size mode';
  assert.equal(r.errors.fit, message);
  assert.equal(r.errors.longEdge, message);
  assert.ok(readProcessForm({ ...v, fill: '400x400', position: 'attention' }).ok);
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
