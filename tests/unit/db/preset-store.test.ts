import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { RunStore } from '../../../src/db/run-store.js';
import { PresetError } from '../../../src/db/preset-store.js';
import {
  applyPreset,
  matchesPreset,
  presetSettingsOf,
  presetsFileText,
  readPresetsFile,
} from '../../../src/shared/presets.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import { openTempStore } from './fixtures/store-fixtures.js';

const openStore = openTempStore;

test('the built-ins come first, described; yours follow by name and survive a reopen', (t) => {
  const { store, file } = openStore(t);
  assert.deepEqual(
    store.presets.list().map((p) => `${p.name}: ${p.description}`),
    [
      'Web: long edge 2048, WebP q80',
      'Thumbnails: fill 400x400',
      'Tutorial: blur 15, fit 1000x1000',
      'Share: long edge 1600, JPEG q82, no GPS',
    ],
  );
  store.presets.save('zebra', { scale: 50 });
  store.presets.save('Apple', { format: 'png', nameTemplate: '{name}-small' });
  store.close();
  const again = RunStore.open(file);
  t.after(() => again.close());
  const own = again.presets.list().filter((p) => !p.builtIn);
  assert.deepEqual(
    own.map((p) => [p.name, p.description]),
    [
      ['Apple', 'PNG, named {name}-small'],
      ['zebra', 'scale 50%'],
    ],
  );
  assert.equal(again.presets.find('APPLE')?.name, 'Apple');
  assert.equal(again.presets.find('web')?.builtIn, true);
});

test('refusals in words: a built-in name, a name taken (unless replacing), a missing preset', (t) => {
  const { store } = openStore(t);
  assert.throws(
    () => store.presets.save('share', {}),
    (e: Error) => {
      assert.ok(e instanceof PresetError);
      assert.equal(e.message, '"Share" is a built-in preset: choose another name');
      return true;
    },
  );
  store.presets.save('Mine', { quality: 60 });
  assert.throws(
    () => store.presets.save('mine ', { quality: 70 }),
    /you have a preset named "mine"/,
  );
  store.presets.save('mine', { quality: 70 }, true);
  assert.deepEqual(store.presets.find('Mine')?.settings, { quality: 70 });
  assert.throws(() => store.presets.save('  ', {}), /a preset needs a name/);
  assert.throws(() => store.presets.save('x'.repeat(61), {}), /at most 60 characters/);
  assert.throws(() => store.presets.delete('Web'), /"Web" is built in and cannot be deleted/);
  assert.throws(() => store.presets.rename('Tutorial', 'T'), /cannot be renamed/);
  assert.throws(() => store.presets.delete('nope'), /there is no preset named "nope"/);
  store.presets.save('Other', {});
  assert.throws(
    () => store.presets.rename('Other', 'MINE'),
    /you have a preset named "mine" already/,
  );
  // A change of case is a rename of the same preset, not a clash with itself.
  assert.equal(store.presets.rename('other', 'OTHER').name, 'OTHER');
  store.presets.delete('OTHER');
  assert.equal(store.presets.find('other'), null);
});

test('a stored preset a newer build wrote keeps what this build knows; a broken one is left out', (t) => {
  const { store, file } = openStore(t);
  store.close();
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO presets (name, settings_json, created_at, updated_at) VALUES (?, ?, 'now', 'now')`,
  );
  insert.run('Future', JSON.stringify({ quality: 50, vignette: 3 }));
  insert.run('Broken', JSON.stringify({ quality: 5000 }));
  db.close();
  const again = RunStore.open(file);
  t.after(() => again.close());
  const own = again.presets.list().filter((p) => !p.builtIn);
  assert.deepEqual(
    own.map((p) => [p.name, p.settings]),
    [['Future', { quality: 50 }]],
  );
});

test('import saves in one transaction, keeps yours and the built-ins unless asked', (t) => {
  const { store } = openStore(t);
  store.presets.save('Mine', { quality: 60 });
  const file = presetsFileText([
    { name: 'Mine', settings: { quality: 10 } },
    { name: 'New', settings: { longEdge: 640 } },
    { name: 'Web', settings: { quality: 1 } },
  ]);
  const read = readPresetsFile(file);
  assert.ok('presets' in read);
  const first = store.presets.importPresets(read.presets);
  assert.deepEqual(first.imported, ['New']);
  assert.deepEqual(
    first.skipped.map((s) => [s.name, s.yours]),
    [
      ['Mine', true],
      ['Web', false],
    ],
  );
  assert.deepEqual(store.presets.find('Mine')?.settings, { quality: 60 });
  const replaced = store.presets.importPresets(read.presets, true);
  assert.deepEqual(replaced.imported, ['Mine', 'New']);
  assert.deepEqual(store.presets.find('Mine')?.settings, { quality: 10 });
  assert.deepEqual(store.presets.find('Web')?.settings.quality, 80);
});

test('a presets file that cannot be imported says why, naming the preset and the setting', () => {
  const file = (presets: unknown) =>
    JSON.stringify({ format: 'photobatch-presets', version: 1, presets });
  const cases: [string, RegExp][] = [
    ['{', /not JSON/],
    ['{"presets": []}', /not a presets file/],
    [file([{ name: '', settings: {} }]), /^preset 1: a preset needs a name$/],
    [file([{ name: 'Big', settings: { quality: 500 } }]), /^preset "Big": quality: /],
    [file([{ name: 'W', settings: { workers: 8 } }]), /^preset "W": .*workers/],
    [
      file([{ name: 'N', settings: { nameTemplate: '../{name}' } }]),
      /^preset "N": nameTemplate: .*\//,
    ],
    [
      file([
        { name: 'A', settings: {} },
        { name: 'a', settings: {} },
      ]),
      /"a" is in the file twice/,
    ],
  ];
  for (const [text, reason] of cases) {
    const read = readPresetsFile(text);
    assert.ok('problem' in read, text);
    assert.match(read.problem, reason, text);
  }
});

test('choosing a preset sets every field it covers, keeps the run’s own, and is recognised after', () => {
  const before = {
    ...defaultProcessSettings(4),
    blur: 3,
    format: 'png' as const,
    rotate: 90 as const,
    workers: 3,
    pipeline: 'exact' as const,
  };
  const web = applyPreset(before, { longEdge: 2048, format: 'webp', quality: 80 });
  assert.equal(web.blur, null, 'a field the preset does not name goes back to not asked');
  assert.equal(web.rotate, null);
  assert.equal(web.format, 'webp');
  assert.equal(web.longEdge, 2048);
  assert.equal(web.workers, 3, 'how the run goes stays');
  assert.equal(web.pipeline, 'exact');
  assert.ok(matchesPreset(web, { longEdge: 2048, format: 'webp', quality: 80 }));
  assert.ok(
    !matchesPreset({ ...web, quality: 79 }, { longEdge: 2048, format: 'webp', quality: 80 }),
  );
  assert.deepEqual(presetSettingsOf(web), { longEdge: 2048, format: 'webp' });
});
