/**
 * `photobatch process --name TEMPLATE` end to end: names filled from the photo (size written,
 * capture date, place in the run), the tree still mirrored, a bad template refused at once with
 * exit 2 and nothing stored, and a file that is not what its name says still named for what it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { writeHtml, writeJpegWithOrientation, writePng } from '../../helpers/make-images.js';
import { folderOfPhotos, realPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { eventually, runCli, startCli } from '../../helpers/cli.js';
import { writeHeic } from '../../helpers/make-heic.js';
import { writeJxl } from '../../helpers/make-jxl.js';

/** Every output's `WxH` in its name against the size really written. */
async function sizesInNames(out: string): Promise<void> {
  const files = filesUnder(out);
  assert.ok(files.length > 0, 'no outputs');
  for (const file of files) {
    const m = /-(\d+)x(\d+)\.[a-z]+$/i.exec(file);
    assert.ok(m, `${file} has no size in its name`);
    const meta = await sharp(path.join(out, file)).metadata();
    assert.equal(`${meta.width}x${meta.height}`, `${m[1]}x${m[2]}`, file);
  }
}

test('{name}, {ext}, {w}x{h}, {index:3} and {date}: the tree mirrored, the size the one written', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  const [a, b] = await realPhotos(2, 800);
  await mkdir(path.join(input, 'trip'), { recursive: true });
  // Capture date in the EXIF; the other has none, so its file date names it.
  await sharp(a!)
    .withExif({ IFD2: { DateTimeOriginal: '2021:07:04 18:30:00' } })
    .jpeg()
    .toFile(path.join(input, 'trip', 'beach.JPG'));
  await copyFile(b!, path.join(input, 'garden.jpg'));
  await utimes(path.join(input, 'garden.jpg'), new Date(2019, 2, 9, 12), new Date(2019, 2, 9, 12));
  // Stored 800x400 with orientation 6: upright it is 400x800.
  await writeJpegWithOrientation(path.join(input, 'turned.jpg'), 6, { width: 800, height: 400 });
  await utimes(path.join(input, 'turned.jpg'), new Date(2020, 0, 2, 9), new Date(2020, 0, 2, 9));
  const out = path.join(root, 'out');
  const r = await runCli([
    'process',
    input,
    '--out',
    out,
    '--long-edge',
    '300',
    '--name',
    '{date}-{name}.{ext}-{index:3}-{w}x{h}',
    '--format',
    'webp',
    '--db',
    path.join(root, 'db'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  // Scan order: names sorted by code unit in each folder (garden.jpg, trip/, turned.jpg).
  assert.deepEqual(
    filesUnder(out).sort(),
    [
      `2019-03-09-garden.jpg-001-${(await sizeOf(b!, 300)).join('x')}.webp`,
      path.join('trip', `2021-07-04-beach.JPG-002-${(await sizeOf(a!, 300)).join('x')}.webp`),
      '2020-01-02-turned.jpg-003-150x300.webp',
    ].sort(),
  );
  await sizesInNames(out);
});

/** The size `file` fits to inside a square of `side` (never enlarged). */
async function sizeOf(file: string, side: number): Promise<[number, number]> {
  const { width, height } = await sharp(file).metadata();
  const s = Math.min(1, side / Math.max(width!, height!));
  return [Math.round(width! * s), Math.round(height! * s)];
}

test('{w}x{h} is the size written in every size mode and with crop and rotation', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await writeJpegWithOrientation(path.join(input, 'o6.jpg'), 6, { width: 640, height: 360 });
  await writePng(path.join(input, 'wide.png'), { width: 500, height: 200 });
  const [photo] = await realPhotos(1, 900);
  await copyFile(photo!, path.join(input, 'photo.jpg'));
  // A HEIC's size comes from its boxes, a JPEG XL's orientation from its codestream and a WebP's
  // from its EXIF chunk (which exifr does not read): one run with a turn, whose size depends on
  // the oriented one (a crop would not), is enough.
  const phone = path.join(root, 'phone');
  await mkdir(phone);
  await writeHeic(path.join(phone, 'IMG_0001.HEIC'), [photo!]);
  await writeJxl(
    path.join(phone, 'turned.jxl'),
    await writeJpegWithOrientation(path.join(root, 'turned.jpg'), 6, { width: 640, height: 360 }),
  );
  await sharp(photo!)
    .resize(640, 360, { fit: 'fill' })
    .webp()
    .withMetadata({ orientation: 6 })
    .toFile(path.join(phone, 'side.webp'));
  const runs: [string, string[]][] = [
    [input, ['--fit', '200x120']],
    [input, ['--fill', '150x150', '--position', 'entropy']],
    [input, ['--scale', '33%', '--rotate', '90']],
    [input, ['--crop', '300x100+10+20', '--rotate', '270', '--long-edge', '80']],
    [phone, ['--rotate', '90', '--long-edge', '80']],
  ];
  for (const [i, [from, mode]] of runs.entries()) {
    const out = path.join(root, `out-${i}`);
    const r = await runCli([
      'process',
      from,
      '--out',
      out,
      ...mode,
      '--name',
      '{name}-{w}x{h}',
      '--db',
      path.join(root, 'db'),
    ]);
    assert.equal(r.code, 0, `${mode.join(' ')}: ${r.stderr}${r.stdout}`);
    assert.equal(filesUnder(out).length, 3, mode.join(' '));
    await sizesInNames(out);
  }
});

test('a bad template exits 2 at once, names the problem and stores no run', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await writePng(path.join(input, 'a.png'));
  const db = path.join(root, 'db');
  const out = path.join(root, 'out');
  const cases: [string, RegExp][] = [
    ['{name}-{size}', /--name: unknown token \{size\}/],
    [
      '{date}',
      /--name: .*neither \{name\} nor \{index\}, so photos in one folder would get the same name/,
    ],
    ['../{name}', /--name: .*holds a \/ or \\/],
  ];
  for (const [template, reason] of cases) {
    const r = await runCli(['process', input, '--out', out, '--name', template, '--db', db]);
    assert.equal(r.code, 2, template);
    assert.match(r.stderr, reason);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.equal(existsSync(out), false, 'the output folder was not made');
  const runs = await runCli(['runs', '--json', '--db', db]);
  assert.deepEqual(JSON.parse(runs.stdout).runs, []);
});

test('names that collide fail the second photo naming the first; a page named .jpg is said to be one', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  await writePng(path.join(input, 'a.png'));
  await writePng(path.join(input, 'a.tiff'));
  await writeHtml(path.join(input, 'page.jpg'));
  await writeFile(path.join(input, 'notes.txt'), 'not a photo');
  const out = path.join(root, 'out');
  const db = path.join(root, 'db');
  const r = await runCli([
    'process',
    input,
    '--out',
    out,
    '--format',
    'jpeg',
    '--name',
    '{name}-{w}',
    '--json',
    '--db',
    db,
  ]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.items.ok, 1);
  const reasons = summary.failures.map((f: { error: string }) => f.error).join('\n');
  assert.match(reasons, /would write the same output as in\/a\.png \(a-64\.jpg\)/);
  assert.match(reasons, /not an image \(it is an HTML page\)/);
  assert.deepEqual(filesUnder(out), ['a-64.jpg']);
  const shown = await runCli(['show', String(summary.runId), '--db', db]);
  assert.match(shown.stdout, /named-\{name\}-\{w\}/);
});

test('a resumed run numbers its photos as the first run did', async () => {
  const root = await tempDir();
  const input = path.join(root, 'in');
  const sources = await folderOfPhotos(input, 6, 1600);
  const out = path.join(root, 'out');
  const db = path.join(root, 'db');
  const args = ['--out', out, '--blur', '20', '--workers', '1', '--name', '{index:2}-{name}'];
  const cli = startCli(['process', input, ...args, '--db', db]);
  // Cancelled once the first photo is written: the others are left for the resumed run.
  const written = () => filesUnder(out).filter((f) => !f.endsWith('.tmp'));
  assert.ok(await eventually(() => written().length > 0), 'a first output');
  cli.child.kill('SIGTERM');
  const first = await cli.done;
  assert.equal(first.code, 130, first.stderr);
  assert.ok(written().length < sources.length, 'the first run was cut short');
  const resumed = await runCli(['resume', '1', '--db', db]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const expected = [...sources]
    .map((s) => path.basename(s))
    .sort()
    .map((name, i) => `${String(i + 1).padStart(2, '0')}-${name}`);
  assert.deepEqual(filesUnder(out).sort(), expected);
});
