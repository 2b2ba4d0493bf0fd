import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, runIdArgument } from '../../../src/cli/parse-command-line.js';
import { processSettingsFrom, PROCESS_OPTIONS } from '../../../src/cli/process-options.js';

test('a negative number after an option is its value, refused by the option in words', () => {
  const { values, positionals } = parseCommandLine(
    ['in', '--blur', '-1', '-o', 'out'],
    PROCESS_OPTIONS,
  );
  assert.equal(values.blur, '-1');
  assert.deepEqual(positionals, ['in']);
  assert.throws(() => processSettingsFrom(values), /--blur must be 0 \(no blur\) or a number/);
});

test('an option-looking word after a value-taking option is still refused as before', () => {
  assert.throws(() => parseCommandLine(['--out', '--json'], PROCESS_OPTIONS), /ambiguous/);
});

test('--workers 0x10 is not a number of workers', () => {
  const { values } = parseCommandLine(['--workers', '0x10'], PROCESS_OPTIONS);
  assert.throws(() => processSettingsFrom(values), /--workers must be/);
});

test('a run id names no option that does not exist', () => {
  assert.equal(runIdArgument('12'), 12);
  for (const bad of ['0', '-1', '1.5', '0x1', 'abc']) {
    assert.throws(
      () => runIdArgument(bad),
      (error: Error) =>
        /a run id is a whole number from 1 up/.test(error.message) &&
        !/--run-id/.test(error.message),
      bad,
    );
  }
});
