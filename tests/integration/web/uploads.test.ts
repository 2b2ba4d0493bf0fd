// Uploads land inside their own input folder whatever their names say, keep the dropped tree,
// and an over-size upload is refused and leaves nothing behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { UploadStarted } from '../../../src/shared/web-wire.js';
import { uploadFileUrl, uploadUrl } from '../../../src/shared/web-wire.js';
import { send, startHarness } from './web-shell-harness.js';
import type { Harness } from './web-shell-harness.js';

const LIMITS = { fileBytes: 64 * 1024, totalBytes: 100 * 1024 };
let h: Harness;
let auth: Record<string, string>;

before(async () => {
  h = await startHarness(LIMITS);
  auth = { authorization: `Bearer ${h.shell.token}` };
});
after(async () => {
  await h.shell.close();
});

async function startUpload(): Promise<UploadStarted> {
  const answer = await send(h, { path: '/api/uploads', method: 'POST', headers: auth });
  assert.equal(answer.status, 201, answer.body);
  return JSON.parse(answer.body) as UploadStarted;
}

function put(upload: UploadStarted, relativePath: string, body: Buffer, chunked = false) {
  return send(h, {
    path: uploadFileUrl(upload.uploadId, relativePath),
    method: 'PUT',
    headers: auth,
    body,
    chunked,
  });
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

test('an upload gets a new input folder under the data folder', async () => {
  const upload = await startUpload();
  assert.equal(path.dirname(upload.inputDir), path.join(h.dataDir, 'uploads'));
  assert.ok(existsSync(upload.inputDir));
});

test('the dropped tree is kept and the bytes arrive intact', async () => {
  const upload = await startUpload();
  const a = Buffer.from('first photo bytes');
  const b = Buffer.alloc(40_000, 7);
  assert.equal((await put(upload, 'trip/day 1/a.jpg', a)).status, 201);
  const answer = await put(upload, 'trip/day 2/b.jpg', b, true);
  assert.equal(answer.status, 201);
  assert.deepEqual(JSON.parse(answer.body), { path: 'trip/day 2/b.jpg', bytes: b.length });
  assert.deepEqual(await filesUnder(upload.inputDir), ['trip/day 1/a.jpg', 'trip/day 2/b.jpg']);
  assert.deepEqual(await readFile(path.join(upload.inputDir, 'trip/day 1/a.jpg')), a);
  assert.deepEqual(await readFile(path.join(upload.inputDir, 'trip/day 2/b.jpg')), b);
});

test('names with ../, absolute paths, backslashes and reserved names land inside the input folder', async () => {
  const before = await filesUnder(h.dataDir);
  const upload = await startUpload();
  const names = [
    '../../escape.jpg',
    'a/../../../b/c.jpg',
    '/etc/cron.d/evil',
    '..\\..\\win.jpg',
    'CON.jpg',
    'x/./y/..../z.jpg',
    'ctl\u0001:*?.jpg',
    '..',
    '',
  ];
  for (const name of names) {
    const answer = await put(upload, name, Buffer.from(name));
    assert.equal(answer.status, 201, `${name}: ${answer.body}`);
  }
  const inside = await filesUnder(upload.inputDir);
  assert.deepEqual(
    inside,
    [
      '_CON.jpg',
      'a/b/c.jpg',
      'ctl____.jpg',
      'escape.jpg',
      'etc/cron.d/evil',
      'file',
      'file (2)',
      'win.jpg',
      'x/y/z.jpg',
    ].sort(),
  );
  // Nothing appeared anywhere else in the data folder.
  const uploadRel = path.relative(h.dataDir, upload.inputDir).split(path.sep).join('/');
  const elsewhere = (await filesUnder(h.dataDir)).filter(
    (f) => !f.startsWith(`${uploadRel}/`) && !before.includes(f) && !f.startsWith('photobatch.db'),
  );
  assert.deepEqual(elsewhere, []);
});

test('two files with the same name are both kept', async () => {
  const upload = await startUpload();
  await put(upload, 'same.jpg', Buffer.from('1'));
  await put(upload, 'same.jpg', Buffer.from('2'));
  assert.deepEqual(await filesUnder(upload.inputDir), ['same (2).jpg', 'same.jpg']);
  assert.equal(await readFile(path.join(upload.inputDir, 'same (2).jpg'), 'utf8'), '2');
});

for (const chunked of [false, true]) {
  test(`a file over the size limit is refused and the upload leaves nothing (${chunked ? 'streamed' : 'declared length'})`, async () => {
    const upload = await startUpload();
    assert.equal((await put(upload, 'ok.jpg', Buffer.alloc(1000, 1))).status, 201);
    const answer = await put(
      upload,
      'big/huge.jpg',
      Buffer.alloc(LIMITS.fileBytes + 1, 2),
      chunked,
    );
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).message, /huge\.jpg" is larger than/);
    assert.equal(existsSync(upload.inputDir), false, 'the upload folder is gone');
    // The refused upload takes no more files.
    assert.equal((await put(upload, 'later.jpg', Buffer.from('x'))).status, 409);
    assert.equal(existsSync(upload.inputDir), false);
  });
}

test('files that together pass the upload limit are refused and the upload leaves nothing', async () => {
  const upload = await startUpload();
  const part = Buffer.alloc(40 * 1024, 3);
  assert.equal((await put(upload, 'one.jpg', part)).status, 201);
  assert.equal((await put(upload, 'two.jpg', part)).status, 201);
  const answer = await put(upload, 'three.jpg', part, true);
  assert.equal(answer.status, 413);
  assert.match(JSON.parse(answer.body).message, /add up to more than/);
  assert.equal(existsSync(upload.inputDir), false);
});

test('an abandoned upload is removed; an unknown one is refused', async () => {
  const upload = await startUpload();
  await put(upload, 'a.jpg', Buffer.from('a'));
  const answer = await send(h, {
    path: uploadUrl(upload.uploadId),
    method: 'DELETE',
    headers: auth,
  });
  assert.deepEqual(JSON.parse(answer.body), { deleted: true });
  assert.equal(existsSync(upload.inputDir), false);
  assert.equal(
    (await put({ uploadId: 'nope', inputDir: '' }, 'a.jpg', Buffer.from('a'))).status,
    404,
  );
});

test('uploads need the token like everything else', async () => {
  const upload = await startUpload();
  const answer = await send(h, {
    path: uploadFileUrl(upload.uploadId, 'a.jpg'),
    method: 'PUT',
    body: Buffer.from('a'),
  });
  assert.equal(answer.status, 403);
  assert.deepEqual(await filesUnder(upload.inputDir), []);
});
