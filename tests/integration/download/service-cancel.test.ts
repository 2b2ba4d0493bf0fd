/**
 * The web shell's and the window's cancel: `run:cancel` through the command service both shells
 * relay to ends a download run whose bodies are stalled mid-way (reads that undici leaves
 * hanging), records it cancelled, leaves no temp file, and the run can then be deleted.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { AppEvent, EventPayloads } from '../../../src/shared/contract.js';
import { RunStore } from '../../../src/db/run-store.js';
import { createCommandService } from '../../../src/engine/command-handlers.js';
import type { CommandService } from '../../../src/engine/command-handlers.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import { eventually } from '../../helpers/cli.js';
import { startImageServer } from '../../helpers/image-server.js';
import type { ImageServer } from '../../helpers/image-server.js';
import { tempDir } from '../../helpers/real-photos.js';

let dir: string;
let store: RunStore;
let service: CommandService;
let server: ImageServer;
const events: AppEvent[] = [];

before(async () => {
  dir = await tempDir('photobatch-service-cancel-');
  store = RunStore.open(path.join(dir, 'photobatch.db'));
  server = await startImageServer({ latencyMs: 20 });
  service = createCommandService({
    store,
    hostFactory: forkHostFactory,
    dataDir: path.join(dir, 'data'),
    cores: 2,
    host: {
      kind: 'web',
      pickFolder: async () => null,
      openFolder: async () => false,
      uploadLimits: null,
    },
    emit: (event) => events.push(event),
  });
});
after(async () => {
  await service.dispose();
  store.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

test('run:cancel ends a download run with stalled bodies: cancelled, no temps, deletable', async () => {
  const out = path.join(dir, 'out');
  const urls = Array.from({ length: 2000 }, (_, i) =>
    i % 10 === 3 ? server.url(`/stall/s${i}.jpg`) : server.url(`/img/i${i}.jpg`),
  );
  const started = await service.dispatch('download:start', {
    urls: urls.join('\n'),
    outDir: out,
    settings: { concurrency: 32, timeoutMs: 120_000 },
    process: null,
    label: null,
  });
  assert.ok(started.ok, started.ok ? '' : started.error.message);
  const { runId } = started.value as { runId: number };
  assert.ok(await eventually(() => server.stats.inFlight >= 16 && readdirSync(out).length > 10));
  const cancelled = await service.dispatch('run:cancel', { runId });
  assert.deepEqual(cancelled, { ok: true, value: { cancelled: true } });
  // A guard against a hang only; the run ends as soon as its fetchers are released.
  assert.ok(
    await eventually(
      () => events.some((e) => e.name === 'run:finished' && e.payload.summary.runId === runId),
      60_000,
    ),
    'the run finished after run:cancel',
  );
  const finished = events.find(
    (e) => e.name === 'run:finished' && e.payload.summary.runId === runId,
  )!.payload as EventPayloads['run:finished'];
  assert.equal(finished.status, 'cancelled');
  assert.equal(store.getRun(runId)?.status, 'cancelled');
  assert.deepEqual(
    readdirSync(out).filter((n) => n.endsWith('.tmp')),
    [],
  );
  assert.deepEqual(service.activeRuns(), []);
  const deleted = await service.dispatch('runs:delete', { runId });
  assert.ok(deleted.ok, deleted.ok ? '' : deleted.error.message);
});

test('runs:resume (Resume in History) fetches only what a download run did not save', async () => {
  const out = path.join(dir, 'resume-out');
  const started = await service.dispatch('download:start', {
    urls: [server.url('/img/kept.jpg'), server.url('/flaky/1/503/later.jpg')].join('\n'),
    outDir: out,
    settings: { retries: 0 },
    process: null,
    label: null,
  });
  assert.ok(started.ok);
  const first = (started.value as { runId: number }).runId;
  assert.ok(await eventually(() => store.getRun(first)?.status === 'completed', 30_000));
  assert.equal(store.getRun(first)?.failed, 1);
  const resumed = await service.dispatch('runs:resume', { runId: first });
  assert.ok(resumed.ok, resumed.ok ? '' : resumed.error.message);
  const second = (resumed.value as { runId: number }).runId;
  assert.ok(await eventually(() => store.getRun(second)?.status === 'completed', 30_000));
  const run = store.getRun(second)!;
  assert.equal(run.resumedFrom, first);
  assert.deepEqual([run.total, run.ok], [1, 1]);
  assert.equal(server.hits('/img/kept.jpg'), 1, 'the saved file was not fetched again');
  assert.deepEqual(readdirSync(out).sort(), ['kept.jpg', 'later.jpg']);
  const notDownload = await service.dispatch('runs:resume', { runId: 999_999 });
  assert.equal(notDownload.ok, false);
});
