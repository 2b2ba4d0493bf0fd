import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operationWords } from '../../../src/shared/operation-words.js';
import { differencesFrom } from '../../../src/shared/run-differences.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import { runRecord } from '../renderer/fixtures.js';

test('operations are said in the order they are applied, and only those asked for', () => {
  assert.deepEqual(
    operationWords({
      sharpen: 1.5,
      fill: { width: 400, height: 300 },
      position: 'attention',
      rotate: 90,
      crop: { width: 800, height: 600, left: 1, top: 2 },
      flop: true,
      flip: false,
      onlySmaller: true,
    }),
    [
      'crop 800x600+1+2',
      'flop',
      'rotate 90°',
      'fill 400x300',
      'position attention',
      'sharpen 1.5',
      'only smaller',
    ],
  );
  assert.deepEqual(operationWords({ position: 'entropy', scale: null, longEdge: null }), []);
  assert.deepEqual(operationWords(defaultProcessSettings(2)), []);
});

test('compare names the operations two runs differ by; an older run with no fields reads as none', () => {
  const base = runRecord({ id: 1 });
  const rotated = runRecord({
    id: 2,
    settings: {
      process: { ...defaultProcessSettings(4), rotate: 180, longEdge: 2048, flip: false },
      download: null,
    },
  });
  const settings = differencesFrom(rotated, base).filter((d) => d.aspect === 'settings');
  assert.equal(settings.length, 1);
  assert.match(settings[0]!.text, /rotate 180° vs no rotation, long edge 2048 vs no long edge\.$/);
  const same = runRecord({
    id: 3,
    settings: {
      process: { ...defaultProcessSettings(4), flip: false, crop: null },
      download: null,
    },
  });
  assert.deepEqual(differencesFrom(same, base), []);
});
