// The contract over the web shell's socket: bad messages get clear errors and never break the
// socket; uploaded real photos are processed by real worker processes, events arrive, and the
// run is in the database with its outputs beside the upload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { EventPayloads } from '../../../src/shared/contract.js';
import type { UploadStarted } from '../../../src/shared/web-wire.js';
import { uploadFileUrl } from '../../../src/shared/web-wire.js';
import { RunStore } from '../../../src/db/run-store.js';
import { realPhotos } from '../../helpers/real-photos.js';
import { cookieFromFirstUrl, openSocket, send, startHarness } from './web-shell-harness.js';
import type { ContractSocket, Harness } from './web-shell-harness.js';

let h: Harness;
let socket: ContractSocket;
let cookie: string;

before(async () => {
  h = await startHarness();
  cookie = await cookieFromFirstUrl(h);
  socket = await openSocket(h, { cookie }, `http://127.0.0.1:${h.shell.port}`);
});
after(async () => {
  socket.close();
  await h.shell.close();
});

test('settings:get tells the window it is in a browser, with the upload limits', async () => {
  const settings = await socket.invoke('settings:get', {});
  assert.equal(settings.host, 'web');
  assert.equal(settings.dataDir, h.dataDir);
  assert.ok(settings.uploadLimits && settings.uploadLimits.fileBytes > 0);
  assert.ok(settings.process.workers >= 1);
  assert.equal((await socket.invoke('dialog:pickFolder', {})).path, null);
});

test('bad input, unknown commands and garbage get clear errors and the socket keeps working', async () => {
  await assert.rejects(
    socket.invoke('runs:get', { runId: -1 }),
    /^Error: invalid input for runs:get: runId:/,
  );
  await assert.rejects(
    socket.invoke('nope:never' as 'runs:list', {}),
    /unknown command "nope:never"/,
  );
  await assert.rejects(socket.invoke('runs:get', { runId: 999 }), /Run 999 was not found/);
  const answer = await socket.raw(JSON.stringify({ type: 'invoke', id: 77, name: 5 }), 77);
  assert.equal(
    answer.type === 'result' && !answer.ok && answer.error.message.includes('not understood'),
    true,
  );
  socket.ws.send('{not json');
  socket.ws.send(Buffer.from([0, 1, 2]), { binary: true });
  assert.deepEqual(await socket.invoke('runs:list', {}), { runs: [] });
});

test('settings:set remembers settings for the next launch, and rejects bad ones', async () => {
  const set = await socket.invoke('settings:set', { process: { quality: 55, blur: 4 } });
  assert.equal(set.process.quality, 55);
  await assert.rejects(
    socket.invoke('settings:set', { process: { quality: 0 } }),
    /process\.quality/,
  );
  const store = RunStore.open(path.join(h.dataDir, 'photobatch.db'), { readonly: true });
  try {
    assert.equal(store.getSetting<{ quality: number }>('window.process')?.quality, 55);
  } finally {
    store.close();
  }
  await socket.invoke('settings:set', { process: { quality: 80, blur: null } });
});

test(
  'uploaded photos are processed by worker processes; events arrive; the run is stored',
  { timeout: 120_000 },
  async () => {
    const photos = await realPhotos(3, 400);
    const started = JSON.parse(
      (await send(h, { path: '/api/uploads', method: 'POST', headers: { cookie } })).body,
    ) as UploadStarted;
    for (const [i, photo] of photos.entries()) {
      const answer = await send(h, {
        path: uploadFileUrl(started.uploadId, `trip/${i}-${path.basename(photo)}`),
        method: 'PUT',
        headers: { cookie },
        body: await readFile(photo),
      });
      assert.equal(answer.status, 201, answer.body);
    }

    const { runId } = await socket.invoke('process:start', {
      inputs: [started.inputDir],
      outDir: null,
      settings: { fit: { width: 100, height: 100 }, format: 'webp', workers: 2 },
      label: 'from the browser',
    });
    const finished = await socket.waitForEvent(
      (e) => e.name === 'run:finished' && e.payload.summary.runId === runId,
    );
    const { summary, status } = finished.payload as EventPayloads['run:finished'];
    assert.equal(status, 'completed');
    assert.deepEqual(summary.items, { total: 3, ok: 3, failed: 0, skipped: 0 });
    assert.ok(socket.events.some((e) => e.name === 'run:started' && e.payload.run.id === runId));
    const done = socket.events.flatMap((e) =>
      e.name === 'item:done' && e.payload.runId === runId ? e.payload.items : [],
    );
    assert.equal(done.filter((i) => i.status === 'ok').length, 3);

    // Outputs go to the sibling `<upload>-photobatch` folder, as real, resized images.
    const outDir = `${started.inputDir}-photobatch`;
    const outputs = (await readdir(path.join(outDir, 'trip'))).sort();
    assert.equal(outputs.length, 3);
    for (const name of outputs) {
      const meta = await sharp(path.join(outDir, 'trip', name)).metadata();
      assert.equal(meta.format, 'webp');
      assert.ok(Math.max(meta.width, meta.height) <= 100);
    }

    const { run, items } = await socket.invoke('runs:get', { runId });
    assert.equal(run.label, 'from the browser');
    assert.equal(run.workers, 2);
    assert.equal(items.length, 3);
    const { runs } = await socket.invoke('runs:list', {});
    assert.ok(runs.some((r) => r.id === runId));
    const comparison = await socket.invoke('runs:compare', { runIds: [runId] });
    assert.equal(comparison.runs[0]?.items, 3);
    assert.equal(
      (await socket.invoke('run:cancel', { runId })).cancelled,
      false,
      'a finished run has nothing to cancel',
    );
    assert.deepEqual(await socket.invoke('runs:delete', { runId }), { deleted: true });
  },
);

test('a typed path that does not exist is refused in words', async () => {
  await assert.rejects(
    socket.invoke('process:start', {
      inputs: ['/no/such/folder'],
      outDir: '/tmp/x',
      settings: {},
      label: null,
    }),
    /\/no\/such\/folder: no such file or folder/,
  );
});

test('shell:openPath refuses what is not a folder', async () => {
  await assert.rejects(
    socket.invoke('shell:openPath', { path: '/no/such/folder' }),
    /is not a folder that exists/,
  );
  assert.deepEqual(await socket.invoke('shell:openPath', { path: h.dataDir }), { opened: false });
});
