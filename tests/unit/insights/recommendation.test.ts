import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recommendationText } from '../../../src/shared/recommendation.js';

const base = {
  sweepId: 1,
  workers: 2,
  threads: 1,
  speedupOverOne: 1.71,
  nextSpeedup: 0.98,
  cores: 2,
};

test('the recommendation says what was measured and where another worker stops paying', () => {
  assert.equal(
    recommendationText(base),
    'Recommended for this computer: 2 workers (measured 1.71× of 1 worker; a 3rd adds nothing on 2 cores)',
  );
  assert.equal(
    recommendationText({ ...base, nextSpeedup: 1.4 }),
    'Recommended for this computer: 2 workers (measured 1.71× of 1 worker)',
  );
  assert.equal(
    recommendationText({ ...base, workers: 1, speedupOverOne: 1, nextSpeedup: 0.9 }),
    'Recommended for this computer: 1 worker (a 2nd adds nothing on 2 cores)',
  );
  assert.match(recommendationText({ ...base, workers: 11, nextSpeedup: 1 }), /a 12th adds nothing/);
  assert.equal(
    recommendationText({ ...base, speedupOverOne: null, nextSpeedup: null }),
    'Recommended for this computer: 2 workers',
  );
});
