import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  runMatches,
  runTitle,
  settingsSummary,
} from '../../../src/renderer/src/features/history/history-filter.js';
import { downloadRun, runRecord } from './fixtures.js';

test('a run is named by its label, else its input folder', () => {
  assert.equal(runTitle(runRecord({ label: 'Wedding' })), 'Wedding');
  assert.equal(runTitle(runRecord()), 'Trip');
  assert.equal(runTitle(runRecord({ inputs: ['/a/x', '/a/y/'] })), 'x + 1 more');
  assert.equal(runTitle(runRecord({ id: 4, inputs: [] })), 'Run 4');
});

test('a failed run is found by its status and by words of its reason', () => {
  const r = runRecord({ status: 'failed', error: 'the database stayed locked by another program' });
  assert.ok(runMatches(r, 'failed'));
  assert.ok(runMatches(r, 'locked'));
  assert.ok(!runMatches(runRecord(), 'locked'));
});

test('text filter matches every word anywhere', () => {
  const r = runRecord({ id: 12, label: 'Wedding album' });
  assert.ok(runMatches(r, ''));
  assert.ok(runMatches(r, 'wedding trip'));
  assert.ok(runMatches(r, '#12'));
  assert.ok(!runMatches(r, 'wedding zoo'));
});

test('settings read in a few words', () => {
  assert.equal(settingsSummary(runRecord()), '4 workers · same format');
  assert.equal(settingsSummary(downloadRun()), '8 at a time');
});
