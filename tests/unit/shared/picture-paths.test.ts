// The window's picture URLs and the engine's parser agree, and nothing but a reference parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PICTURES_PATH, picturePath } from '../../../src/shared/pictures.js';
import { parsePictureRef } from '../../../src/engine/thumbnail-access.js';

const rest = (p: string) => p.slice(PICTURES_PATH.length + 1);

test('every reference the window builds parses back to itself', () => {
  assert.deepEqual(parsePictureRef(rest(picturePath({ selectionId: 'ab_C-1', index: 12 }))), {
    kind: 'selection',
    selectionId: 'ab_C-1',
    index: 12,
    large: false,
  });
  assert.deepEqual(
    parsePictureRef(rest(picturePath({ selectionId: 'x', index: 0, large: true }))),
    { kind: 'selection', selectionId: 'x', index: 0, large: true },
  );
  assert.deepEqual(parsePictureRef(rest(picturePath({ runId: 7, seq: 3, side: 'out' }))), {
    kind: 'run',
    runId: 7,
    seq: 3,
    side: 'out',
  });
});

test('paths, climbs and malformed references do not parse', () => {
  for (const bad of [
    'selection/x/../0',
    'selection/x/-1',
    'selection/x/1/small',
    'selection/../../etc/passwd',
    'selection/a b/0',
    'run/7/3/both',
    'run/x/3/in',
    'run/7/3/in/extra',
    '/etc/passwd',
    'file',
    '',
  ])
    assert.equal(parsePictureRef(bad), null, bad);
});
