// What Tune leaves remembered holds for the machine it was measured on only, and a stored value
// that no longer validates reads as none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTuned, TUNED_KEYS, writeTuned } from '../../../src/engine/tuned-defaults.js';
import type { SettingsMemory } from '../../../src/engine/remembered-settings.js';
import { tuneSignature } from '../../../src/shared/sweep-result.js';
import type { TunedChoice } from '../../../src/shared/sweep-result.js';

function memory(): SettingsMemory & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    getSetting: <T>(key: string) => (values.has(key) ? (values.get(key) as T) : null),
    setSetting: (key, value) => values.set(key, JSON.parse(JSON.stringify(value))),
  };
}

const here = { cpuModel: 'Xeon', cores: 2 };
const choice: TunedChoice = {
  sweepId: 4,
  kind: 'process',
  combination: { workers: 2, threads: 1, concurrency: null },
  at: '2026-12-02T07:00:00.000Z',
  signature: tuneSignature({
    pipeline: 'fast',
    format: 'jpeg',
    blur: null,
    fit: { width: 9, height: 9 },
  }),
};

test('a tune is read back on the machine it was measured on, and not on another', () => {
  const m = memory();
  writeTuned(m, choice, here);
  assert.deepEqual(readTuned(m, 'process', here), choice);
  assert.equal(readTuned(m, 'process', { cpuModel: 'Xeon', cores: 8 }), null);
  assert.equal(readTuned(m, 'process', { cpuModel: 'M2', cores: 2 }), null);
  assert.equal(readTuned(m, 'download', here), null, 'each kind has its own');
  assert.equal(choice.signature, 'fast pipeline, jpeg, fit');
});

test('a stored tune that does not validate reads as none', () => {
  const m = memory();
  m.values.set(TUNED_KEYS.process, { sweepId: 'x', machine: here });
  assert.equal(readTuned(m, 'process', here), null);
});
