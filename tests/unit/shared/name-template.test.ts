import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fillNameTemplate,
  filledNameProblem,
  parseNameTemplate,
  tokensOf,
} from '../../../src/shared/name-template.js';
import type { NameTemplate } from '../../../src/shared/name-template.js';
import { defaultProcessSettings, processSettingsSchema } from '../../../src/shared/settings.js';

const values = { name: 'IMG_0042', ext: 'JPG', w: 1000, h: 750, index: 7, date: '2024-05-01' };

function parsed(source: string): NameTemplate {
  const t = parseNameTemplate(source);
  assert.ok(typeof t !== 'string', `${source}: ${String(t)}`);
  return t;
}

test('every token is filled; {index:N} pads; {{ and }} write braces', () => {
  assert.equal(
    fillNameTemplate(parsed('{date}_{name}-{w}x{h}-{index:3}.{ext}'), values),
    '2024-05-01_IMG_0042-1000x750-007.JPG',
  );
  assert.equal(fillNameTemplate(parsed('{index}'), values), '7');
  assert.equal(fillNameTemplate(parsed('{index:2}'), { ...values, index: 123 }), '123');
  assert.equal(fillNameTemplate(parsed('{{{name}}}'), values), '{IMG_0042}');
  assert.deepEqual([...tokensOf(parsed('{name}{name}-{w}'))].sort(), ['name', 'w']);
});

test('a template that cannot work is refused with its reason in words', () => {
  const cases: [string, RegExp][] = [
    [
      '{name}-{size}',
      /^unknown token \{size\} in the name template: use \{name\}, \{ext\}, \{w\}, \{h\}, \{index\}, \{date\}$/,
    ],
    ['{Name}', /unknown token \{Name\}/],
    ['{name:3}', /unknown token \{name:3\}/],
    ['{index:0}', /\{index:0\} pads to a width from 1 to 9 digits/],
    ['{index:x}', /\{index:x\} pads to a width/],
    ['{w}x{h}', /neither \{name\} nor \{index\}, so photos in one folder would get the same name/],
    ['photo', /neither \{name\} nor \{index\}/],
    ['..', /neither \{name\} nor \{index\}/],
    ['../{name}', /holds a \/ or \\/],
    ['sub/{name}', /holds a \/ or \\/],
    ['..\\{name}', /holds a \/ or \\/],
    ['{name', /has a \{ without its \}/],
    ['{name}}', /has a \} without its \{/],
    ['{name}\n', /control character/],
    ['', /empty: use \{name\}/],
    ['   ', /empty/],
    ['{name}'.repeat(40), /longer than 200 characters/],
  ];
  for (const [source, reason] of cases) {
    const t = parseNameTemplate(source);
    assert.equal(typeof t, 'string', `${JSON.stringify(source)} was accepted`);
    assert.match(t as string, reason, JSON.stringify(source));
  }
});

test('a filled name that is no file name is said', () => {
  assert.match(filledNameProblem('..')!, /not a file name/);
  assert.match(filledNameProblem('')!, /not a file name/);
  assert.equal(filledNameProblem('a'), null);
});

test('the settings schema (every process boundary) refuses a bad template with the same words', () => {
  const s = defaultProcessSettings(2);
  assert.ok(processSettingsSchema.safeParse({ ...s, nameTemplate: '{name}-{w}' }).success);
  assert.ok(processSettingsSchema.safeParse({ ...s, nameTemplate: null }).success);
  const bad = processSettingsSchema.safeParse({ ...s, nameTemplate: '../{name}' });
  assert.ok(!bad.success);
  assert.match(bad.error.issues[0]!.message, /holds a \/ or \\/);
});
