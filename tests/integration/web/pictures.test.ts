// Thumbnails and previews for the window: made in worker processes (never in the shell), kept in
// a bounded disk cache keyed by path, size and mtime (reused, trimmed oldest first, remade when
// the file changes, found again after a restart), and served only through the token-guarded
// /pictures route for what a scan found or a stored run holds. Real shell, real HTTP, real
// workers, real sharp, real SQLite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { CommandName, CommandResults } from '../../../src/shared/contract.js';
import type { SelectionPhotos } from '../../../src/shared/pictures.js';
import { picturePath } from '../../../src/shared/pictures.js';
import { PictureService } from '../../../src/engine/picture-service.js';
import { RunStore } from '../../../src/db/run-store.js';
import { forkHostFactory } from '../../../src/engine/fork-host.js';
import type { WorkerHostFactory } from '../../../src/engine/worker-host.js';
import { writeJpeg, writeJpegWithOrientation } from '../../helpers/make-images.js';
import { tempDir } from '../../helpers/real-photos.js';
import { startHarness } from './web-shell-harness.js';
import type { Harness } from './web-shell-harness.js';

/** Every worker the shell forks, and the picture jobs each was sent. */
const forked: { pid: number | undefined; pictures: number }[] = [];
const countingHosts: WorkerHostFactory = (options) => {
  const host = forkHostFactory(options);
  const entry = { pid: host.pid, pictures: 0 };
  forked.push(entry);
  const sendOne = host.send.bind(host);
  host.send = (message) => {
    if (message.type === 'picture') entry.pictures++;
    return sendOne(message);
  };
  return host;
};
const picturesSent = () => forked.reduce((sum, f) => sum + f.pictures, 0);

let harness: Harness;
let photos: string;
let outside: string;
let selection: SelectionPhotos;

async function call<K extends CommandName>(name: K, input: unknown): Promise<CommandResults[K]> {
  const outcome = await harness.shell.service.dispatch(name, input);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as CommandResults[K];
}

/** GETs a path with the token as a browser's cookie would carry it; the body as bytes. */
function get(
  urlPath: string,
  headers: Record<string, string> = { authorization: `Bearer ${harness.shell.token}` },
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: harness.shell.port,
        path: urlPath,
        headers: { host: harness.host, ...headers },
        setHost: false,
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

const indexOf = (name: string) => selection.photos.find((p) => p.name === name)!.index;

before(async () => {
  harness = await startHarness(undefined, { hostFactory: countingHosts });
  photos = path.join(harness.dataDir, 'photos');
  await writeJpeg(path.join(photos, 'wide.jpg'), { width: 640, height: 480 });
  await writeJpeg(path.join(photos, 'sub', 'small.jpg'), { width: 100, height: 60 });
  // Stored 80×40, shown rotated: the thumbnail is upright (EXIF orientation applied).
  await writeJpegWithOrientation(path.join(photos, 'turned.jpg'), 6, { width: 800, height: 400 });
  // Named like a photo, but half a JPEG: listed, yet no picture can be made of it.
  const whole = await sharp({
    create: { width: 300, height: 200, channels: 3, background: '#808080' },
  })
    .jpeg()
    .toBuffer();
  await writeFile(path.join(photos, 'damaged.jpg'), whole.subarray(0, 40));
  outside = await writeJpeg(path.join(harness.dataDir, 'secret', 'outside.jpg'));
  await symlink(outside, path.join(photos, 'link-out.jpg'));
  selection = await call('inputs:photos', { inputs: [photos] });
});

after(async () => {
  await harness.shell.close();
});

test('inputs:photos lists what the scan found, with sizes and megapixels from the headers', () => {
  const names = selection.photos.map((p) => p.name).sort();
  assert.ok(names.includes('wide.jpg') && names.includes(path.join('sub', 'small.jpg')));
  const wide = selection.photos[indexOf('wide.jpg')]!;
  assert.equal(wide.width, 640);
  assert.equal(wide.height, 480);
  assert.equal(
    selection.totalBytes,
    selection.photos.reduce((sum, p) => sum + p.bytes, 0),
  );
  assert.ok(selection.totalBytes > 0);
  const known = selection.photos.filter((p) => p.width !== null);
  const knownMp = known.reduce((sum, p) => sum + (p.width! * p.height!) / 1e6, 0);
  // A photo whose header cannot be read counts as the average of the others.
  const mp = knownMp + (knownMp / known.length) * (selection.photos.length - known.length);
  assert.ok(Math.abs(selection.megapixels - mp) < 0.01, `${selection.megapixels} vs ${mp}`);
  // No picture is made (no worker forked) until one is asked for.
  assert.equal(forked.length, 0);
});

test('a thumbnail is made in a worker process, cached, and the second request does no work', async () => {
  const url = picturePath({ selectionId: selection.selectionId, index: indexOf('wide.jpg') });
  const first = await get(url);
  assert.equal(first.status, 200);
  assert.equal(first.headers['content-type'], 'image/webp');
  assert.match(String(first.headers['cache-control']), /max-age=\d+/);
  const meta = await sharp(first.body).metadata();
  assert.equal(meta.format, 'webp');
  assert.deepEqual([meta.width, meta.height], [256, 192]);
  // Made by a forked worker, not by the shell's process.
  assert.equal(picturesSent(), 1);
  assert.ok(forked.every((f) => f.pid !== process.pid && f.pid !== undefined));
  const cache = harness.shell.service.pictures().cache;
  assert.equal(cache.made, 1);

  const again = await get(url);
  assert.equal(again.status, 200);
  assert.ok(again.body.equals(first.body));
  assert.equal(picturesSent(), 1, 'the second request sent no job to a worker');
  assert.equal(cache.made, 1);

  const revalidated = await get(url, {
    authorization: `Bearer ${harness.shell.token}`,
    'if-none-match': String(first.headers.etag),
  });
  assert.equal(revalidated.status, 304);
});

test('thumbnails are EXIF-oriented and never enlarged', async () => {
  const turned = await get(
    picturePath({ selectionId: selection.selectionId, index: indexOf('turned.jpg') }),
  );
  const meta = await sharp(turned.body).metadata();
  assert.deepEqual([meta.width, meta.height], [128, 256]);
  // Shown large (beside a preview): its own cache entry, as large as the photo allows.
  const large = await get(
    picturePath({ selectionId: selection.selectionId, index: indexOf('turned.jpg'), large: true }),
  );
  const largeMeta = await sharp(large.body).metadata();
  assert.deepEqual([largeMeta.width, largeMeta.height], [400, 800]);
  const small = await get(
    picturePath({
      selectionId: selection.selectionId,
      index: indexOf(path.join('sub', 'small.jpg')),
    }),
  );
  const smallMeta = await sharp(small.body).metadata();
  assert.deepEqual([smallMeta.width, smallMeta.height], [100, 60]);
});

test('a listed photo no picture can be made of gets a placeholder, not an error', async () => {
  const damaged = selection.photos.find((p) => p.name === 'damaged.jpg');
  assert.ok(damaged, 'the scan lists a file named like a photo');
  const answer = await get(
    picturePath({ selectionId: selection.selectionId, index: damaged.index }),
  );
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['content-type'], 'image/svg+xml');
  assert.equal(answer.headers['cache-control'], 'no-store');
});

test('a changed file gets a new thumbnail', async () => {
  const url = picturePath({ selectionId: selection.selectionId, index: indexOf('wide.jpg') });
  const cache = harness.shell.service.pictures().cache;
  const before = cache.made;
  await writeJpeg(path.join(photos, 'wide.jpg'), { width: 480, height: 640 });
  const later = new Date(Date.now() + 5000);
  await utimes(path.join(photos, 'wide.jpg'), later, later);
  const answer = await get(url);
  assert.equal(answer.status, 200);
  const meta = await sharp(answer.body).metadata();
  assert.deepEqual([meta.width, meta.height], [192, 256]);
  assert.equal(cache.made, before + 1);
});

test('the route refuses what it was not given: no token, unknown ids, .., symlinks out', async () => {
  const good = picturePath({ selectionId: selection.selectionId, index: indexOf('wide.jpg') });
  assert.equal((await get(good, {})).status, 403);
  assert.equal((await get(good, { authorization: 'Bearer wrong' })).status, 403);
  const refused = [
    picturePath({ selectionId: 'nosuchselection', index: 0 }),
    picturePath({ selectionId: selection.selectionId, index: 999 }),
    `/pictures/selection/${selection.selectionId}/..%2F..%2Fsecret%2Foutside.jpg`,
    `/pictures/selection/${selection.selectionId}/%2E%2E/0`,
    `/pictures/${encodeURIComponent(outside)}`,
    `/pictures/file?path=${encodeURIComponent(outside)}`,
    '/pictures/run/999/0/in',
    '/pictures/preview/nosuchpreview',
  ];
  const linked = selection.photos.find((p) => p.name === 'link-out.jpg');
  // The scan may or may not list a link to a file; listed, its picture is still refused.
  if (linked)
    refused.push(picturePath({ selectionId: selection.selectionId, index: linked.index }));
  for (const url of refused) assert.equal((await get(url)).status, 404, url);
});

test("a stored run's inputs and outputs have thumbnails; an output swapped for a link out is refused", async () => {
  const outDir = path.join(harness.dataDir, 'out');
  const runsFolder = path.join(harness.dataDir, 'run-input');
  await writeJpeg(path.join(runsFolder, 'a.jpg'), { width: 300, height: 200 });
  await writeJpeg(path.join(runsFolder, 'b.jpg'), { width: 300, height: 200 });
  const { runId } = await call('process:start', {
    inputs: [runsFolder],
    outDir,
    settings: { workers: 1, fit: { width: 100, height: 100 }, format: 'jpeg' },
    label: null,
  });
  // Waited for by its own record: before the start is answered there is no active run to watch.
  while ((await call('runs:get', { runId })).run.status === 'running')
    await new Promise((r) => setTimeout(r, 50));
  const items = (await call('runs:get', { runId })).items;
  const a = items.find((i) => path.basename(i.source) === 'a.jpg')!;
  const b = items.find((i) => path.basename(i.source) === 'b.jpg')!;
  const output = await get(picturePath({ runId, seq: a.seq, side: 'out' }));
  assert.equal(output.status, 200);
  assert.deepEqual(
    [(await sharp(output.body).metadata()).width, (await sharp(output.body).metadata()).height],
    [100, 67],
  );
  const input = await get(picturePath({ runId, seq: a.seq, side: 'in' }));
  assert.equal((await sharp(input.body).metadata()).width, 256);
  assert.equal((await get(picturePath({ runId, seq: 999, side: 'out' }))).status, 404);

  await rm(b.output!);
  await symlink(outside, b.output!);
  assert.equal((await get(picturePath({ runId, seq: b.seq, side: 'out' }))).status, 404);
});

test('preview:make runs the settings in a worker, writes nothing but the picture, and its size follows blur', async () => {
  const index = indexOf('turned.jpg');
  const before = await readdir(photos, { recursive: true });
  const sharpOne = await call('preview:make', {
    selectionId: selection.selectionId,
    index,
    settings: { blur: null, format: 'jpeg', quality: 80, fit: null },
  });
  const blurred = await call('preview:make', {
    selectionId: selection.selectionId,
    index,
    settings: { blur: 8, format: 'jpeg', quality: 80, fit: null },
  });
  assert.deepEqual([sharpOne.width, sharpOne.height], [400, 800]);
  assert.equal(sharpOne.format, 'jpeg');
  // A blurred photo has less detail to encode.
  assert.ok(
    blurred.encodedBytes < sharpOne.encodedBytes,
    `${blurred.encodedBytes} ≥ ${sharpOne.encodedBytes}`,
  );
  assert.deepEqual(await readdir(photos, { recursive: true }), before);
  const shown = await get(picturePath({ previewId: blurred.previewId }));
  assert.equal(shown.status, 200);
  assert.equal((await sharp(shown.body).metadata()).height, 800);
});

test('the cache is bounded (oldest used go first) and is found again after a restart', async () => {
  const dir = await tempDir('photobatch-thumbs-');
  const store = RunStore.open(':memory:');
  const folder = path.join(dir, 'p');
  await writeJpeg(path.join(folder, 'one.jpg'), { width: 400, height: 300 });
  await writeJpeg(path.join(folder, 'two.jpg'), { width: 300, height: 400 });
  const first = new PictureService({ store, hostFactory: forkHostFactory, dataDir: dir });
  const listed = await first.listPhotos([folder]);
  const one = listed.photos.find((p) => p.name === 'one.jpg')!.index;
  const two = listed.photos.find((p) => p.name === 'two.jpg')!.index;
  assert.ok(await first.respond(picturePath({ selectionId: listed.selectionId, index: one })));
  await first.close();

  // A restart: the thumbnail made before is served without a worker job.
  const again = new PictureService({ store, hostFactory: forkHostFactory, dataDir: dir });
  const relisted = await again.listPhotos([folder]);
  assert.ok(await again.respond(picturePath({ selectionId: relisted.selectionId, index: one })));
  assert.equal(again.cache.made, 0);
  await again.close();

  // Bounded to less than two thumbnails: making the second removes the first.
  const tight = new PictureService({
    store,
    hostFactory: forkHostFactory,
    dataDir: dir,
    cacheBytes: 1,
  });
  const tightList = await tight.listPhotos([folder]);
  await tight.respond(picturePath({ selectionId: tightList.selectionId, index: two }));
  const files = (await readdir(path.join(dir, 'thumbnails'))).filter((f) => f.endsWith('.webp'));
  assert.equal(files.length, 1);
  assert.equal(
    await tight.cache.totalBytes(),
    (await stat(path.join(dir, 'thumbnails', files[0]!))).size,
  );
  await tight.respond(picturePath({ selectionId: tightList.selectionId, index: one }));
  assert.equal(tight.cache.made, 2, 'the first thumbnail was trimmed, so it was made again');
  await tight.close();
  store.close();
  await rm(dir, { recursive: true, force: true });
});
