// The browser's contract client (src/renderer/src/client/web-client.ts) against a real web shell:
// the same code the window runs, given Node's WebSocket and fetch in place of the browser's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { AppEvent, EventPayloads } from '../../../src/shared/contract.js';
import { createWebClient } from '../../../src/renderer/src/client/web-client.js';
import type { SocketLike, WebClient } from '../../../src/renderer/src/client/web-client.js';
import { realPhotos } from '../../helpers/real-photos.js';
import { cookieFromFirstUrl, startHarness } from './web-shell-harness.js';
import type { Harness } from './web-shell-harness.js';

let h: Harness;
let cookie: string;
const clients: WebClient[] = [];

/** The client as a page served by `h` would have it (the browser adds the cookie by itself). */
function clientFor(harness: Harness, reconnectDelayMs = 20): WebClient {
  const origin = harness.shell.origin;
  const client = createWebClient({
    origin,
    openSocket: (url) =>
      new WebSocket(url, { headers: { cookie }, origin }) as unknown as SocketLike,
    fetch: (url, init) => fetch(origin + url, { ...init, headers: { cookie } }),
    putFile: async (url, file, onProgress) => {
      const answer = await fetch(origin + url, { method: 'PUT', body: file, headers: { cookie } });
      onProgress(file.size);
      return { status: answer.status, body: await answer.text() };
    },
    reconnectDelayMs: () => reconnectDelayMs,
  });
  clients.push(client);
  return client;
}

before(async () => {
  h = await startHarness({ fileBytes: 1024 * 1024, totalBytes: 8 * 1024 * 1024 });
  cookie = await cookieFromFirstUrl(h);
});
after(async () => {
  for (const client of clients) client.close();
  await h.shell.close();
});

test('commands sent before the socket opens are answered', async () => {
  const client = clientFor(h);
  const [settings, list] = await Promise.all([
    client.invoke('settings:get', {}),
    client.invoke('runs:list', {}),
  ]);
  assert.equal(settings.host, 'web');
  assert.ok(Array.isArray(list.runs));
  await assert.rejects(client.invoke('runs:get', { runId: 0 }), /invalid input for runs:get/);
  assert.equal(client.pathsForDroppedFiles([]), null);
});

test(
  'files upload with their tree, a run processes them, and events reach the listener',
  { timeout: 120_000 },
  async () => {
    const client = clientFor(h);
    const photos = await realPhotos(2, 300);
    const files = await Promise.all(
      photos.map(async (photo, i) => ({
        file: new File([await readFile(photo)], path.basename(photo)),
        relativePath: `album/${i}/${path.basename(photo)}`,
      })),
    );
    const progress: [number, number][] = [];
    const { inputDir } = await client.uploadFiles(files, (sent, total) =>
      progress.push([sent, total]),
    );
    const total = files.reduce((sum, f) => sum + f.file.size, 0);
    assert.deepEqual(progress.at(-1), [total, total]);
    assert.deepEqual((await readdir(path.join(inputDir, 'album'))).sort(), ['0', '1']);

    const events: AppEvent[] = [];
    const finished = new Promise<EventPayloads['run:finished']>((resolve) => {
      client.onEvent((event) => {
        events.push(event);
        if (event.name === 'run:finished') resolve(event.payload);
      });
    });
    const { runId } = await client.invoke('process:start', {
      inputs: [inputDir],
      outDir: null,
      settings: { fit: { width: 64, height: 64 }, workers: 1 },
      label: null,
    });
    const done = await finished;
    assert.equal(done.summary.runId, runId);
    assert.deepEqual(done.summary.items, { total: 2, ok: 2, failed: 0, skipped: 0 });
    assert.ok(events.some((e) => e.name === 'run:started'));
    assert.ok(existsSync(`${inputDir}-photobatch`));
  },
);

test('an over-size upload rejects with the shell’s reason and leaves nothing', async () => {
  const client = clientFor(h);
  const uploadsBefore = await readdir(path.join(h.dataDir, 'uploads')).catch(() => []);
  const files = [
    { file: new File([new Uint8Array(1000)], 'small.jpg'), relativePath: 'small.jpg' },
    {
      file: new File([new Uint8Array(2 * 1024 * 1024)], 'huge.tif'),
      relativePath: 'deep/huge.tif',
    },
  ];
  await assert.rejects(
    client.uploadFiles(files),
    /huge\.tif" is larger than the 1 MB a single file may be/,
  );
  assert.deepEqual(await readdir(path.join(h.dataDir, 'uploads')), uploadsBefore);
});

test('when the shell is gone, a command fails in words instead of hanging', async () => {
  const other = await startHarness();
  const otherCookie = await cookieFromFirstUrl(other);
  const savedCookie = cookie;
  cookie = otherCookie;
  const client = clientFor(other, 5);
  try {
    await client.invoke('runs:list', {});
    await other.shell.close();
    await assert.rejects(client.invoke('runs:list', {}), /Can't reach the Photobatch web shell/);
  } finally {
    cookie = savedCookie;
  }
});
