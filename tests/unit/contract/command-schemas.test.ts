// Every command's schema accepts what the window sends and rejects what it must not, with a
// message that names the field; unknown commands are refused by name, never by a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_NAMES, commandSchemas, parseCommandInput } from '../../../src/shared/contract.js';
import type { CommandName } from '../../../src/shared/contract.js';
import { COMMAND_CHANNELS, isCommandName } from '../../../src/shared/channels.js';

/** For each command: inputs that must pass and inputs that must fail (with a field the error names). */
const cases: { [K in CommandName]: { good: unknown[]; bad: { input: unknown; names: string }[] } } =
  {
    'process:start': {
      good: [
        { inputs: ['/photos'], outDir: null, settings: {}, label: null },
        {
          inputs: ['/photos'],
          outDir: null,
          settings: {},
          label: null,
          queue: { url: 'redis://queue-host:6379', localWorkers: 2 },
        },
        {
          inputs: ['/a', '/b/c.jpg'],
          outDir: '/out',
          settings: {
            blur: 15,
            fit: { width: 1000, height: 1000 },
            format: 'webp',
            quality: 80,
            workers: 4,
            threads: 1,
            pipeline: 'fast',
          },
          label: 'trip',
        },
      ],
      bad: [
        {
          input: {
            inputs: ['/p'],
            outDir: null,
            settings: {},
            label: null,
            queue: { url: 'redis://h', localWorkers: -1 },
          },
          names: 'queue.localWorkers',
        },
        { input: { inputs: [], outDir: null, settings: {}, label: null }, names: 'inputs' },
        { input: { inputs: [''], outDir: null, settings: {}, label: null }, names: 'inputs.0' },
        { input: { inputs: ['/a'], outDir: '', settings: {}, label: null }, names: 'outDir' },
        {
          input: { inputs: ['/a'], outDir: null, settings: { workers: 0 }, label: null },
          names: 'settings.workers',
        },
        {
          input: { inputs: ['/a'], outDir: null, settings: { format: 'bmp' }, label: null },
          names: 'settings.format',
        },
        {
          input: { inputs: ['/a'], outDir: null, settings: { blur: -1 }, label: null },
          names: 'settings.blur',
        },
        {
          input: {
            inputs: ['/a'],
            outDir: null,
            settings: { fit: { width: 0, height: 5 } },
            label: null,
          },
          names: 'settings.fit.width',
        },
        {
          input: { inputs: ['/a'], outDir: null, settings: {}, label: 'x'.repeat(201) },
          names: 'label',
        },
        { input: { inputs: '/a', outDir: null, settings: {}, label: null }, names: 'inputs' },
        { input: null, names: 'input' },
      ],
    },
    'download:start': {
      good: [
        {
          urls: 'https://example.com/a.jpg\n# comment\n',
          outDir: '/out',
          settings: {},
          process: null,
          label: null,
        },
        {
          urls: '',
          outDir: null,
          settings: { concurrency: 16, retries: 0 },
          process: { blur: 3 },
          label: 'x',
        },
      ],
      bad: [
        {
          input: { urls: 5, outDir: null, settings: {}, process: null, label: null },
          names: 'urls',
        },
        {
          input: {
            urls: '',
            outDir: null,
            settings: { concurrency: 0 },
            process: null,
            label: null,
          },
          names: 'settings.concurrency',
        },
        {
          input: { urls: '', outDir: null, settings: {}, process: { quality: 101 }, label: null },
          names: 'process.quality',
        },
        { input: { urls: '', outDir: null, settings: {} }, names: 'process' },
      ],
    },
    'run:cancel': {
      good: [{ runId: 1 }],
      bad: [
        { input: { runId: 0 }, names: 'runId' },
        { input: { runId: 1.5 }, names: 'runId' },
        { input: { runId: '1' }, names: 'runId' },
        { input: {}, names: 'runId' },
      ],
    },
    'runs:list': {
      good: [{}, { limit: 50 }, { kind: 'download', status: 'completed' }],
      bad: [
        { input: { limit: 0 }, names: 'limit' },
        { input: { kind: 'upload' }, names: 'kind' },
        { input: { status: 'done' }, names: 'status' },
      ],
    },
    'runs:get': { good: [{ runId: 3 }], bad: [{ input: { runId: -3 }, names: 'runId' }] },
    'runs:compare': {
      good: [{ runIds: [1] }, { runIds: [1, 2, 3], baseline: 2 }],
      bad: [
        { input: { runIds: [] }, names: 'runIds' },
        { input: { runIds: [1, 'b'] }, names: 'runIds.1' },
        { input: { runIds: Array.from({ length: 21 }, (_, i) => i + 1) }, names: 'runIds' },
        { input: { runIds: [1], baseline: 0 }, names: 'baseline' },
      ],
    },
    'runs:delete': { good: [{ runId: 9 }], bad: [{ input: { runId: null }, names: 'runId' }] },
    'runs:rerun': {
      good: [{ runId: 9 }, { runId: 9, workers: 1 }],
      bad: [
        { input: { runId: 9, workers: 0 }, names: 'workers' },
        { input: { runId: 9, workers: 65 }, names: 'workers' },
      ],
    },
    'runs:resume': {
      good: [{ runId: 3 }],
      bad: [{ input: { runId: 0 }, names: 'runId' }],
    },
    'inputs:check': {
      good: [{ inputs: ['/photos'] }, { inputs: ['/a', '/b/c.jpg'] }],
      bad: [
        { input: { inputs: [] }, names: 'inputs' },
        { input: { inputs: [''] }, names: 'inputs.0' },
      ],
    },
    'settings:get': { good: [{}], bad: [{ input: 'all', names: 'input' }] },
    'settings:set': {
      good: [{}, { process: { quality: 90 } }, { download: { retries: 5 } }],
      bad: [
        { input: { process: { quality: 0 } }, names: 'process.quality' },
        { input: { download: { timeoutMs: 1 } }, names: 'download.timeoutMs' },
      ],
    },
    'sweep:start': {
      good: [
        { kind: 'process', inputs: ['/photos'], settings: { fit: { width: 100, height: 100 } } },
        { kind: 'download', urls: 'https://example.com/a.jpg', settings: {} },
      ],
      bad: [
        { input: { kind: 'process', inputs: [], settings: {} }, names: 'inputs' },
        { input: { kind: 'download', urls: 3, settings: {} }, names: 'urls' },
        { input: { kind: 'upload', inputs: ['/p'], settings: {} }, names: 'kind' },
      ],
    },
    'sweep:cancel': {
      good: [{ sweepId: 3 }],
      bad: [{ input: { sweepId: 0 }, names: 'sweepId' }],
    },
    'sweeps:latest': { good: [{}], bad: [] },
    'queue:workers': {
      good: [{ url: 'redis://127.0.0.1:6379' }],
      bad: [{ input: { url: '' }, names: 'url' }],
    },
    'inputs:estimate': {
      good: [
        { inputs: ['/photos'], settings: {} },
        { inputs: ['a', 'b'], settings: { workers: 2 } },
      ],
      bad: [
        { input: { inputs: [], settings: {} }, names: 'inputs' },
        { input: { inputs: ['/p'], settings: { workers: 0 } }, names: 'settings.workers' },
      ],
    },
    'dialog:pickFolder': { good: [{}], bad: [{ input: 7, names: 'input' }] },
    'shell:openPath': {
      good: [{ path: '/out' }],
      bad: [
        { input: { path: '' }, names: 'path' },
        { input: {}, names: 'path' },
      ],
    },
    'inputs:photos': {
      good: [{ inputs: ['/photos'] }],
      bad: [
        { input: { inputs: [] }, names: 'inputs' },
        { input: { inputs: [''] }, names: 'inputs.0' },
      ],
    },
    'preview:make': {
      good: [{ selectionId: 'abc', index: 0, settings: { blur: 2 } }],
      bad: [
        { input: { selectionId: '', index: 0, settings: {} }, names: 'selectionId' },
        { input: { selectionId: 'abc', index: -1, settings: {} }, names: 'index' },
      ],
    },
    'runs:retryFailed': {
      good: [{ runId: 3 }],
      bad: [{ input: { runId: 0 }, names: 'runId' }],
    },
    'shell:showItem': {
      good: [{ runId: 3, seq: 0 }],
      bad: [
        { input: { runId: 3, seq: -1 }, names: 'seq' },
        { input: { runId: 3, path: '/etc/passwd' }, names: 'seq' },
      ],
    },
    'shell:openOutputFolder': {
      good: [{ runId: 3 }],
      bad: [{ input: { path: '/etc' }, names: 'runId' }],
    },
    'presets:list': { good: [{}], bad: [] },
    'presets:save': {
      good: [
        { name: 'Mine', settings: { longEdge: 1200, format: 'webp', quality: 70 } },
        { name: 'Mine', settings: {}, replace: true },
      ],
      bad: [
        { input: { name: 'Mine', settings: { workers: 4 } }, names: 'settings' },
        { input: { name: 'Mine', settings: { quality: 500 } }, names: 'settings.quality' },
        {
          input: { name: 'Mine', settings: { nameTemplate: '{w}' } },
          names: 'settings.nameTemplate',
        },
        { input: { settings: {} }, names: 'name' },
      ],
    },
    'presets:rename': {
      good: [{ from: 'a', to: 'b' }],
      bad: [{ input: { from: 'a' }, names: 'to' }],
    },
    'presets:delete': { good: [{ name: 'a' }], bad: [{ input: { name: 3 }, names: 'name' }] },
    'presets:import': {
      good: [{ text: '{}' }, { text: '{}', replace: true }],
      bad: [{ input: { text: 'x'.repeat(2_000_001) }, names: 'text' }],
    },
    'presets:export': {
      good: [{}, { names: ['Web'] }],
      bad: [{ input: { names: 'Web' }, names: 'names' }],
    },
  };

for (const name of COMMAND_NAMES) {
  test(`${name}: accepts good input`, () => {
    for (const input of cases[name].good) {
      const parsed = parseCommandInput(name, input);
      assert.equal(parsed.ok, true, `${JSON.stringify(input)} → ${parsed.ok ? '' : parsed.error}`);
    }
  });
  test(`${name}: rejects bad input with a message naming the field`, () => {
    for (const { input, names } of cases[name].bad) {
      const parsed = parseCommandInput(name, input);
      assert.equal(parsed.ok, false, `${JSON.stringify(input)} was accepted`);
      if (!parsed.ok) {
        assert.match(parsed.error, new RegExp(`^invalid input for ${name}: `));
        assert.ok(parsed.error.includes(`${names}:`), `"${parsed.error}" does not name ${names}`);
      }
    }
  });
}

test('an unknown command is refused by name, including inherited property names', () => {
  for (const name of ['runs:drop', 'toString', '__proto__', 'constructor']) {
    const parsed = parseCommandInput(name as CommandName, {});
    assert.deepEqual(parsed, { ok: false, error: `unknown command "${name}"` });
    assert.equal(isCommandName(name), false);
  }
});

test('the allow-list of channels is exactly the contract’s commands', () => {
  assert.deepEqual(Object.keys(COMMAND_CHANNELS).sort(), [...COMMAND_NAMES].sort());
  assert.deepEqual(Object.keys(commandSchemas).sort(), [...COMMAND_NAMES].sort());
  for (const name of COMMAND_NAMES) assert.equal(isCommandName(name), true);
});

test('parsed process settings keep only known fields', () => {
  const parsed = parseCommandInput('process:start', {
    inputs: ['/a'],
    outDir: null,
    settings: { blur: 2, evil: 'rm -rf /' },
    label: null,
  });
  assert.equal(parsed.ok, true);
  if (parsed.ok) assert.deepEqual(parsed.value.settings, { blur: 2 });
});
