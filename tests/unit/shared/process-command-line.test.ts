import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  processCommandArgs,
  processCommandLine,
} from '../../../src/shared/process-command-line.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import type { ProcessSettings } from '../../../src/shared/settings.js';
import { parseCommandLine } from '../../../src/cli/parse-command-line.js';
import {
  PROCESS_OPTIONS,
  processSettingsFrom,
  queueChoiceFrom,
  QUEUE_OPTIONS,
} from '../../../src/cli/process-options.js';

/** Settings with the optional fields that mean "not asked" (null, false) left out. */
function asked(s: ProcessSettings): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(s).filter(
      ([k, v]) =>
        v !== null &&
        v !== false &&
        v !== undefined &&
        !(k === 'position' && v === 'centre' && !s.fill),
    ),
  );
}

const base = defaultProcessSettings(4);
const cases: [string, ProcessSettings][] = [
  ['the defaults', base],
  [
    'blur and fit, WebP',
    { ...base, blur: 2.5, fit: { width: 1600, height: 1200 }, format: 'webp', quality: 72 },
  ],
  [
    'fill with a position and every edit',
    {
      ...base,
      fill: { width: 400, height: 300 },
      position: 'attention',
      crop: { width: 800, height: 600, left: 10, top: 20 },
      rotate: 270,
      flip: true,
      flop: true,
      sharpen: 1.5,
      onlySmaller: true,
      nameTemplate: "{date}-{name} {{x}}-{w}x{h}-{index:3}.{ext}'s",
    },
  ],
  [
    'long edge, exact, strip, 3 threads',
    { ...base, longEdge: 2048, pipeline: 'exact', metadata: 'strip', threads: 3, workers: 1 },
  ],
  [
    'scale, keep, rename, limits',
    {
      ...base,
      scale: 50,
      metadata: 'keep',
      existing: 'rename',
      limitInputPixels: 40_000_000,
      timeoutMs: 12_500,
    },
  ],
  [
    'unset operations as the window sends them',
    {
      ...base,
      fill: null,
      longEdge: null,
      scale: null,
      rotate: null,
      sharpen: null,
      crop: null,
      flip: false,
      flop: false,
      onlySmaller: false,
    },
  ],
];

for (const [name, settings] of cases) {
  test(`the CLI reads back the settings it was given as a line: ${name}`, () => {
    const inputs = ['/photos/Trip 2024', "/photos/it's here"];
    const words = processCommandArgs({ inputs, outDir: '/out/trip', settings, label: 'My run' });
    assert.deepEqual(words.slice(0, 2), ['photobatch', 'process']);
    const { values, positionals } = parseCommandLine(words.slice(2), {
      ...PROCESS_OPTIONS,
      ...QUEUE_OPTIONS,
    });
    assert.deepEqual(positionals, inputs);
    assert.equal(values.out, '/out/trip');
    assert.equal(values.label, 'My run');
    assert.deepEqual(asked(processSettingsFrom(values)), asked(settings));
    assert.equal(queueChoiceFrom(values), null);
  });
}

test('a queue run says --queue and its local workers', () => {
  const words = processCommandArgs({
    inputs: ['/p'],
    outDir: '/o',
    settings: base,
    queue: { url: 'redis://10.0.0.5:6379/2', localWorkers: 1 },
  });
  const { values } = parseCommandLine(words.slice(2), { ...PROCESS_OPTIONS, ...QUEUE_OPTIONS });
  assert.deepEqual(queueChoiceFrom(values), { url: 'redis://10.0.0.5:6379/2', localWorkers: 1 });
});

test('a real shell splits the line into the same words (spaces, quotes, $, globs)', () => {
  const inputs = [
    '/photos/Trip 2024',
    "/photos/it's here",
    '/photos/$HOME *',
    '/photos/naïve;rm -rf',
  ];
  const request = {
    inputs,
    outDir: '/out/a b',
    settings: { ...base, blur: 3 },
    label: 'quote " and `tick`',
  };
  const line = processCommandLine(request);
  const printed = execFileSync('sh', ['-c', `printf '%s\\0' ${line.replace(/^photobatch /, '')}`]);
  const words = printed.toString('utf8').split('\0').slice(0, -1);
  assert.deepEqual(words, processCommandArgs(request).slice(1));
});
