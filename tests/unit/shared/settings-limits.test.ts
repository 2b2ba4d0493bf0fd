// Limits come from the settings schemas, and the CLI and the window's forms follow them to the
// boundary: what one accepts the other accepts, what one refuses the other refuses, naming the
// option and the allowed range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_DOWNLOAD_SETTINGS,
  defaultProcessSettings,
  downloadSettingsSchema,
  processSettingsSchema,
} from '../../../src/shared/settings.js';
import {
  DOWNLOAD_LIMITS,
  inSeconds,
  limitsOf,
  PROCESS_LIMITS,
  rangeText,
  readBlur,
  readNumber,
} from '../../../src/shared/settings-limits.js';
import { processSettingsFrom } from '../../../src/cli/process-options.js';
import { downloadSettingsFrom } from '../../../src/cli/download-options.js';
import { CliUsageError } from '../../../src/cli/cli-io.js';
import {
  readProcessForm,
  toFormValues,
} from '../../../src/renderer/src/common/process-settings-form.js';
import {
  readDownloadForm,
  toDownloadFormValues,
} from '../../../src/renderer/src/features/download/download-form.js';

/** The CLI's verdict on one process option: the settings, or the usage message. */
function cli(
  option: string,
  value: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    const s = processSettingsFrom({ [option]: value });
    return { ok: true, value: s };
  } catch (error) {
    assert.ok(error instanceof CliUsageError, String(error));
    return { ok: false, message: error.message };
  }
}

function form(field: 'blur' | 'quality' | 'workers' | 'threads', value: string) {
  return readProcessForm({ ...toFormValues(defaultProcessSettings(4)), [field]: value });
}

test('limits are read from the schemas, not restated', () => {
  const shape = processSettingsSchema.shape;
  assert.deepEqual(PROCESS_LIMITS.blur, {
    min: shape.blur.unwrap().minValue,
    max: shape.blur.unwrap().maxValue,
    whole: false,
  });
  assert.deepEqual(PROCESS_LIMITS.workers, {
    min: shape.workers.minValue,
    max: shape.workers.maxValue,
    whole: true,
  });
  assert.deepEqual(DOWNLOAD_LIMITS.concurrency, limitsOf(downloadSettingsSchema.shape.concurrency));
  assert.deepEqual(inSeconds(DOWNLOAD_LIMITS.timeoutMs), { min: 0.1, max: 3600, whole: false });
  assert.equal(rangeText(PROCESS_LIMITS.quality), 'a whole number from 1 to 100');
  assert.equal(rangeText(DOWNLOAD_LIMITS.maxBytes), 'a whole number of at least 1');
});

test('numbers are read strictly: empty, hex and words are not numbers', () => {
  assert.equal(readNumber(' 2.5 '), 2.5);
  assert.equal(readNumber('1e3'), 1000);
  assert.equal(readNumber('.5'), 0.5);
  for (const text of ['', ' ', '0x10', 'two', '1,5', 'Infinity', '5 px'])
    assert.equal(readNumber(text), null, text);
});

test('blur below the schema minimum is refused by both the CLI and the form, naming the range', () => {
  const min = PROCESS_LIMITS.blur.min;
  assert.equal(min, 0.3);
  const below = cli('blur', '0.29');
  assert.equal(below.ok, false, 'the CLI no longer raises 0.29 to 0.3 silently');
  if (!below.ok)
    assert.equal(
      below.message,
      '--blur must be 0 (no blur) or a number from 0.3 to 1000, got "0.29"',
    );
  const belowForm = form('blur', '0.29');
  assert.equal(belowForm.ok, false);
  if (!belowForm.ok)
    assert.match(belowForm.errors.blur!, /^Blur must be .*a number from 0\.3 to 1000$/);
  assert.deepEqual(readBlur(0.29).ok, false);
});

test('blur at the boundaries and 0 (no blur) are accepted alike', () => {
  for (const [text, blur] of [
    ['0.3', 0.3],
    ['1000', 1000],
    ['0', null],
  ] as const) {
    const c = cli('blur', text);
    assert.ok(c.ok, text);
    assert.equal((c.value as { blur: number | null }).blur, blur, `CLI ${text}`);
    const f = form('blur', text);
    assert.ok(f.ok, text);
    assert.equal(f.settings.blur, blur, `form ${text}`);
  }
  for (const text of ['1000.01', '-1', 'soft']) {
    assert.equal(cli('blur', text).ok, false, `CLI ${text}`);
    assert.equal(form('blur', text).ok, false, `form ${text}`);
  }
});

test('whole-number settings: the CLI and the form agree at every boundary', () => {
  for (const name of ['quality', 'workers', 'threads'] as const) {
    const { min, max } = PROCESS_LIMITS[name];
    for (const [value, ok] of [
      [min - 1, false],
      [min, true],
      [max, true],
      [max + 1, false],
      [min + 0.5, false],
    ] as const) {
      const c = cli(name, String(value));
      const f = form(name, String(value));
      assert.equal(c.ok, ok, `CLI --${name} ${value}`);
      assert.equal(f.ok, ok, `form ${name} ${value}`);
      if (!c.ok)
        assert.match(
          c.message,
          new RegExp(`^--${name} must be a whole number from ${min} to ${max}, got`),
        );
      if (!f.ok) assert.match(f.errors[name]!, new RegExp(`from ${min} to ${max}$`));
      if (c.ok && f.ok) assert.equal((c.value as Record<string, number>)[name], f.settings[name]);
    }
  }
});

test('per-image timeout in seconds follows the schema in ms', () => {
  const { min, max } = inSeconds(PROCESS_LIMITS.timeoutMs);
  assert.equal(cli('timeout-per-image', String(min)).ok, true);
  assert.equal(cli('timeout-per-image', String(max)).ok, true);
  const over = cli('timeout-per-image', String(max + 1));
  assert.equal(over.ok, false);
  if (!over.ok)
    assert.match(over.message, /--timeout-per-image must be a number from 0\.1 to 86400/);
});

test('download settings: the CLI and the Download form agree at the boundaries', () => {
  const base = toDownloadFormValues(DEFAULT_DOWNLOAD_SETTINGS);
  const cases: { cli: string; field: keyof typeof base; limits: { min: number; max: number } }[] = [
    { cli: 'concurrency', field: 'concurrency', limits: DOWNLOAD_LIMITS.concurrency },
    { cli: 'retries', field: 'retries', limits: DOWNLOAD_LIMITS.retries },
    { cli: 'timeout', field: 'timeoutSeconds', limits: inSeconds(DOWNLOAD_LIMITS.timeoutMs) },
    {
      cli: 'max-time',
      field: 'maxTimeSeconds',
      limits: inSeconds(DOWNLOAD_LIMITS.maxTimeMs),
    },
  ];
  for (const { cli: option, field, limits } of cases) {
    for (const [value, ok] of [
      [limits.min, true],
      [limits.max, true],
      [limits.max + 1, false],
      [limits.min - 1, false],
    ] as const) {
      let cliOk = true;
      try {
        downloadSettingsFrom({ [option]: String(value) });
      } catch (error) {
        cliOk = false;
        assert.match(
          (error as Error).message,
          new RegExp(`^--${option} must be .* from ${limits.min} to ${limits.max}, got`),
        );
      }
      const f = readDownloadForm({ ...base, [field]: String(value) }, DEFAULT_DOWNLOAD_SETTINGS);
      assert.equal(cliOk, ok, `CLI --${option} ${value}`);
      assert.equal(f.ok, ok, `form ${field} ${value}`);
      if (!f.ok) assert.match(f.errors[field]!, new RegExp(`from ${limits.min} to ${limits.max}`));
    }
  }
});

test('--max-bytes reads 1024-multiples and refuses what the schema refuses', () => {
  assert.equal(downloadSettingsFrom({ 'max-bytes': '50M' }).maxBytes, 50 * 1024 ** 2);
  assert.equal(downloadSettingsFrom({ 'max-bytes': '1' }).maxBytes, 1);
  assert.throws(
    () => downloadSettingsFrom({ 'max-bytes': '0' }),
    /--max-bytes must be .*at least 1 byte/,
  );
  assert.throws(
    () => downloadSettingsFrom({ 'max-bytes': '99999999999G' }),
    /--max-bytes must be .*at most 8 PB/,
  );
});
