import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlace, parsePlace } from '../../../src/renderer/src/app/place-hash.js';

test('a place survives the hash: screen, watched run, comparison and baseline', () => {
  for (const hash of [
    '#/process',
    '#/history',
    '#/run/12',
    '#/compare/3,5/base/3',
    '#/compare/4,9',
  ]) {
    assert.equal(formatPlace(parsePlace(hash)), hash);
  }
  assert.deepEqual(parsePlace('#/run/12'), {
    screen: 'run',
    runId: 12,
    compare: { runIds: [], baseline: null },
  });
});

test('anything unreadable is the Process screen, or the part that reads', () => {
  assert.equal(parsePlace('').screen, 'process');
  assert.equal(parsePlace('#/nowhere/3').screen, 'process');
  assert.equal(parsePlace('#/run/abc').runId, null);
  assert.equal(formatPlace(parsePlace('#/run/-4')), '#/run');
  // A baseline that is not among the runs is dropped.
  assert.deepEqual(parsePlace('#/compare/3,5/base/8').compare, { runIds: [3, 5], baseline: null });
});
