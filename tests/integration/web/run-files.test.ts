// The web shell's run files: an item's input and output, one by one or all outputs as a zip,
// read over real HTTP from a real SQLite history, confined to the run's own inputs and output
// folder whatever the URL says or the disk became since (a link swapped in is refused).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import { RunStore } from '../../../src/db/run-store.js';
import { machineInfo } from '../../../src/engine/machine-info.js';
import { resultsZipPath, runFilePath } from '../../../src/shared/run-file-paths.js';
import { defaultProcessSettings } from '../../../src/shared/settings.js';
import { streamResultsZip } from '../../../src/web/results-zip.js';
import type { ZipOutcome } from '../../../src/web/results-zip.js';
import { writeBytes, writeJpeg } from '../../helpers/make-images.js';
import { cookieFromFirstUrl, startHarness } from './web-shell-harness.js';
import type { Harness } from './web-shell-harness.js';

let harness: Harness;
let cookie: string;
let store: RunStore;
let inDir: string;
let outDir: string;
let secret: string;
let runId: number;
let otherRunId: number;
/** Output paths relative to outDir, by seq. */
const outputs = ['a.webp', 'trip/b.webp', 'trip/day 2/c.webp'];

interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(
  urlPath: string,
  headers: Record<string, string> = { cookie },
  port = harness.shell.port,
): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function newRun(): number {
  return store.createRun({
    kind: 'process',
    label: null,
    inputs: [inDir],
    outDir,
    settings: { process: defaultProcessSettings(1), download: null },
    workers: 1,
    threads: 1,
    pipeline: 'exact',
    machine: machineInfo(),
    resumedFrom: null,
  }).id;
}

before(async () => {
  harness = await startHarness();
  cookie = await cookieFromFirstUrl(harness);
  const root = harness.dataDir;
  inDir = path.join(root, 'photos');
  outDir = path.join(root, 'photos-out');
  secret = await writeBytes(path.join(root, 'secret.jpg'), Buffer.from('not yours'));
  // A second connection to the shell's own database file, as the CLI would have.
  store = RunStore.open(path.join(root, 'photobatch.db'));
  runId = newRun();
  const items = [];
  for (const [seq, rel] of outputs.entries()) {
    const source = await writeJpeg(path.join(inDir, rel.replace('.webp', '.jpg')));
    const output = await writeBytes(path.join(outDir, rel), randomBytes(2000 + seq));
    items.push({ seq, source, output });
  }
  store.addItems(
    runId,
    items.map((i) => ({ ...i, status: 'pending', error: null, bytesIn: 1 })),
  );
  store.updateItems(
    runId,
    items.map((i) => ({ seq: i.seq, status: 'ok', bytesOut: 2000 + i.seq })),
  );
  // Another run whose records point at run 1's output and at a file outside any run.
  otherRunId = store.createRun({
    kind: 'process',
    label: null,
    inputs: [path.join(root, 'elsewhere')],
    outDir: path.join(root, 'elsewhere-out'),
    settings: { process: defaultProcessSettings(1), download: null },
    workers: 1,
    threads: 1,
    pipeline: 'exact',
    machine: machineInfo(),
    resumedFrom: null,
  }).id;
  store.addItems(otherRunId, [
    {
      seq: 0,
      source: items[0]!.source,
      output: items[0]!.output,
      status: 'pending',
      error: null,
      bytesIn: 1,
    },
    { seq: 1, source: secret, output: secret, status: 'pending', error: null, bytesIn: 1 },
  ]);
  store.updateItems(otherRunId, [
    { seq: 0, status: 'ok' },
    { seq: 1, status: 'ok' },
  ]);
});

after(async () => {
  store.close();
  await harness.shell.close();
  await rm(harness.dataDir, { recursive: true, force: true });
});

test('an output and an input are served with their type, a cache rule and an ETag', async () => {
  const out = await get(runFilePath(runId, 1, 'output'));
  assert.equal(out.status, 200);
  assert.deepEqual(out.body, await readFile(path.join(outDir, outputs[1]!)));
  assert.equal(out.headers['content-type'], 'image/webp');
  assert.match(String(out.headers['cache-control']), /no-cache/);
  assert.equal(out.headers['content-disposition'], undefined);
  const again = await get(runFilePath(runId, 1, 'output'), {
    cookie,
    'if-none-match': String(out.headers.etag),
  });
  assert.equal(again.status, 304);
  const input = await get(runFilePath(runId, 0, 'input'));
  assert.equal(input.status, 200);
  assert.equal(input.headers['content-type'], 'image/jpeg');
  assert.deepEqual(input.body, await readFile(path.join(inDir, 'a.jpg')));
});

test('?download=1 asks the browser to save it under its own name', async () => {
  const got = await get(runFilePath(runId, 2, 'output', true));
  assert.equal(got.status, 200);
  assert.match(String(got.headers['content-disposition']), /^attachment; filename="c\.webp"/);
});

test('refused: no token, .., unknown ids, another run’s files, files outside a run', async () => {
  assert.equal((await get(runFilePath(runId, 0, 'output'), {})).status, 403);
  for (const p of [
    `/files/${runId}/../../secret.jpg`,
    `/files/${runId}/%2e%2e/0/output`,
    `/files/${runId}/0/..%2f..%2fsecret.jpg`,
    `/files/${runId}/0/source`,
    `/files/${runId}/99/output`,
    `/files/999/0/output`,
    `/files/${runId}/-1/output`,
    // Run 2's records name run 1's output and a file outside every run: neither is run 2's.
    runFilePath(otherRunId, 0, 'output'),
    runFilePath(otherRunId, 0, 'input'),
    runFilePath(otherRunId, 1, 'output'),
    runFilePath(otherRunId, 1, 'input'),
  ]) {
    const got = await get(p);
    assert.equal(got.status, 404, p);
    assert.doesNotMatch(got.body.toString(), /not yours/, p);
  }
});

test('a link swapped in for an output (or an input) after the run is refused', async () => {
  const seq = 0;
  const outFile = path.join(outDir, outputs[seq]!);
  const keep = await readFile(outFile);
  await rm(outFile);
  await symlink(secret, outFile);
  const inFile = path.join(inDir, 'a.jpg');
  const keepIn = await readFile(inFile);
  await rm(inFile);
  await symlink(secret, inFile);
  try {
    assert.equal((await get(runFilePath(runId, seq, 'output'))).status, 404);
    assert.equal((await get(runFilePath(runId, seq, 'input'))).status, 404);
  } finally {
    await rm(outFile);
    await writeBytes(outFile, keep);
    await rm(inFile);
    await writeBytes(inFile, keepIn);
  }
});

function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

test('results.zip holds every ok output under its path, byte for byte', async () => {
  const got = await get(resultsZipPath(runId));
  assert.equal(got.status, 200);
  assert.equal(got.headers['content-type'], 'application/zip');
  assert.match(String(got.headers['content-disposition']), /attachment; filename="photobatch-run-/);
  const files = await readZip(got.body);
  assert.deepEqual([...files.keys()].sort(), [...outputs].sort());
  for (const rel of outputs)
    assert.deepEqual(files.get(rel), await readFile(path.join(outDir, rel)));
  // Run 2's outputs are not its own: its zip is empty, never run 1's files or the secret.
  const other = await readZip((await get(resultsZipPath(otherRunId))).body);
  assert.equal(other.size, 0);
  assert.equal((await get(resultsZipPath(runId), {})).status, 403);
});

test('a client that goes away stops the zip: no further files are read', async () => {
  // Enough data that the zip cannot be written ahead into the socket's buffers.
  const bigRun = newRun();
  const count = 40;
  const big = [];
  for (let seq = 0; seq < count; seq++) {
    const output = await writeBytes(path.join(outDir, 'big', `${seq}.bin`), randomBytes(1 << 20));
    big.push({
      seq,
      source: path.join(inDir, 'a.jpg'),
      output,
      status: 'pending' as const,
      error: null,
      bytesIn: 1,
    });
  }
  store.addItems(bigRun, big);
  store.updateItems(
    bigRun,
    big.map((b) => ({ seq: b.seq, status: 'ok' as const })),
  );
  const run = store.getRun(bigRun)!;
  const items = store.itemsWithStatus(bigRun, ['ok']);
  let done!: (o: ZipOutcome) => void;
  const outcome = new Promise<ZipOutcome>((r) => (done = r));
  const server = createServer((_req, res) => void streamResultsZip(res, run, items).then(done));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
    const o = await outcome;
    assert.equal(o.stopped, true);
    assert.ok(o.entries < count, `read ${o.entries} of ${count} files after the client left`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
