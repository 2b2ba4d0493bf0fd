import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RUN_STATUSES } from '../../../src/shared/records.js';
import { statusExplanation, statusLabel } from '../../../src/renderer/src/common/run-status.js';

test('every status has a word and an explanation; a failed run explains itself with its reason', () => {
  for (const status of RUN_STATUSES) {
    assert.match(statusLabel(status), /^[A-Z][a-z]+$/, status);
    assert.ok(statusExplanation(status, null).length > 0, status);
  }
  assert.equal(statusLabel('failed'), 'Failed');
  assert.equal(
    statusExplanation('failed', 'the database stayed locked'),
    'The run itself stopped: the database stayed locked',
  );
});
