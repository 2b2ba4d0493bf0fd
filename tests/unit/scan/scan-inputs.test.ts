// The scanner on real trees: content decides, clutter is skipped and counted, links and the
// output folder cannot make it loop or rescan, and every message names its file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  makeTempDir,
  removeTempDir,
  writeBytes,
  writeEmptyFile,
  writeHtml,
  writeImageAs,
  writeJpeg,
  writeText,
} from '../../helpers/make-images.js';
import { scanInputs } from '../../../src/engine/scan-inputs.js';
import type { ScanOptions } from '../../../src/engine/scan-inputs.js';
import type { ScanEntry } from '../../../src/engine/scan-entry.js';
import { tempPathFor } from '../../../src/engine/temp-names.js';

let dir = '';
before(async () => {
  dir = await makeTempDir();
});
after(async () => removeTempDir(dir));

async function scan(inputs: string[], options?: ScanOptions): Promise<ScanEntry[]> {
  const entries: ScanEntry[] = [];
  for await (const entry of scanInputs(inputs, options)) entries.push(entry);
  return entries;
}
const byPath = (entries: ScanEntry[]) => new Map(entries.map((e) => [e.relativePath, e]));
const reasonOf = (entry: ScanEntry | undefined): string =>
  entry && entry.verdict !== 'image' ? entry.reason : '';

describe('content decides', () => {
  let entries: Map<string, ScanEntry>;
  let root = '';
  before(async () => {
    root = join(dir, 'content');
    await writeJpeg(join(root, 'disguised.png'));
    await writeJpeg(join(root, 'no-extension'));
    await writeJpeg(join(root, 'a/x.jpg'));
    await writeHtml(join(root, 'holiday.jpg'));
    await writeText(join(root, 'readme.txt'));
    await writeBytes(join(root, '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
    await writeBytes(join(root, 'Thumbs.db'), Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    await writeText(join(root, 'desktop.ini'), '[.ShellClassInfo]\n');
    await writeJpeg(join(root, '._IMG_1.jpg'));
    await writeText(join(root, 'IMG_1.jpg.xmp'), '<x:xmpmeta/>');
    await writeEmptyFile(join(root, 'empty.jpg'));
    await writeEmptyFile(join(root, 'empty.txt'));
    await writeText(join(root, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeBytes(
      join(root, 'phone.heic'),
      Buffer.from('00000018667479706865696300000000686569636d696631', 'hex'),
    );
    await writeBytes(
      join(root, 'IMG_0001'),
      Buffer.from('00000018667479706865696300000000686569636d696631', 'hex'),
    );
    await writeImageAs(join(root, 'camera.nef'), 'tiff');
    await writeJpeg(join(root, '.hidden/inside.jpg'));
    await writeJpeg(join(root, '@eaDir/thumb.jpg'));
    entries = byPath(await scan([root]));
  });

  test('a JPEG named .png, or with no extension, is an image', () => {
    assert.deepEqual(
      [entries.get('disguised.png')?.verdict, entries.get('disguised.png')?.format],
      ['image', 'jpeg'],
    );
    assert.equal(entries.get('no-extension')?.verdict, 'image');
    assert.equal(entries.get(join('a', 'x.jpg'))?.verdict, 'image');
  });

  test('an HTML page named .jpg fails, saying what it is', () => {
    const entry = entries.get('holiday.jpg');
    assert.equal(entry?.verdict, 'fail');
    assert.equal(reasonOf(entry), 'content/holiday.jpg: not an image (it is an HTML page)');
  });

  test('readme.txt, .DS_Store, Thumbs.db, desktop.ini, AppleDouble and sidecars are skipped with a reason', () => {
    for (const name of [
      'readme.txt',
      '.DS_Store',
      'Thumbs.db',
      'desktop.ini',
      '._IMG_1.jpg',
      'IMG_1.jpg.xmp',
    ]) {
      const entry = entries.get(name);
      assert.equal(entry?.verdict, 'skip', name);
      assert.match(
        reasonOf(entry),
        new RegExp(`^content/${name.replace(/\./g, '\\.')}: \\S`),
        name,
      );
    }
    assert.match(reasonOf(entries.get('readme.txt')), /not an image \(it is a text file\)/);
    assert.match(reasonOf(entries.get('Thumbs.db')), /Windows thumbnail cache/);
  });

  test('an empty file fails when named like a picture and is skipped otherwise', () => {
    assert.equal(entries.get('empty.jpg')?.verdict, 'fail');
    assert.match(reasonOf(entries.get('empty.jpg')), /empty file \(0 bytes\)/);
    assert.equal(entries.get('empty.txt')?.verdict, 'skip');
  });

  test('SVG drawings and camera raw files are skipped (named); HEIC is an image, by content', () => {
    assert.match(reasonOf(entries.get('logo.svg')), /SVG drawing, not a photo/);
    assert.equal(entries.get('logo.svg')?.verdict, 'skip');
    assert.equal(entries.get('camera.nef')?.verdict, 'skip');
    assert.match(
      reasonOf(entries.get('camera.nef')),
      /camera raw photo \(NEF\), not supported yet/,
    );
    for (const name of ['phone.heic', 'IMG_0001']) {
      assert.deepEqual(
        [entries.get(name)?.verdict, entries.get(name)?.format],
        ['image', 'heif'],
        name,
      );
    }
  });

  test('hidden and system folders are reported once and not entered', () => {
    assert.equal(entries.get('.hidden')?.verdict, 'skip');
    assert.equal(entries.get('@eaDir')?.verdict, 'skip');
    assert.equal(entries.has(join('.hidden', 'inside.jpg')), false);
    assert.equal(entries.has(join('@eaDir', 'thumb.jpg')), false);
  });

  test('every entry carries absolute source, root and size', () => {
    const entry = entries.get('disguised.png')!;
    assert.equal(entry.source, join(root, 'disguised.png'));
    assert.equal(entry.root, root);
    assert.ok(entry.size !== null && entry.size > 100);
  });
});

test('order is inputs as given, then names sorted, depth first', async () => {
  const root = join(dir, 'order');
  for (const name of ['b.jpg', 'a/z.jpg', 'a/b/c.jpg', 'A.jpg', 'c.jpg'])
    await writeJpeg(join(root, name));
  const single = await writeJpeg(join(dir, 'order-single.jpg'));
  const entries = await scan([single, root]);
  assert.deepEqual(
    entries.map((e) => e.relativePath),
    ['order-single.jpg', 'A.jpg', join('a', 'b', 'c.jpg'), join('a', 'z.jpg'), 'b.jpg', 'c.jpg'],
  );
  assert.equal(entries[0]!.root, single);
});

test('a symlink loop terminates and each real folder is scanned once', async () => {
  const root = join(dir, 'loops');
  await writeJpeg(join(root, 'sub/x.jpg'));
  await symlink('..', join(root, 'sub/up'));
  await symlink('.', join(root, 'here'));
  await symlink('sub', join(root, 'same-as-sub'));
  await symlink('self', join(root, 'self'));
  const entries = await scan([root]);
  const images = entries.filter((e) => e.verdict === 'image').map((e) => e.relativePath);
  assert.equal(images.length, 1, `one real file, found as ${images.join(', ')}`);
  const revisits = entries.filter((e) => /already scanned/.test(reasonOf(e)));
  assert.equal(revisits.length, 1); // same-as-sub (or sub)
  // Links to the input itself or a folder holding it are not followed at all.
  const holders = entries.filter((e) => /holds this input itself; not followed/.test(reasonOf(e)));
  // here, and sub/up (reached as same-as-sub/up: names are scanned in order)
  assert.deepEqual(
    holders.map((e) => basename(e.relativePath)),
    ['here', 'up'],
  );
  assert.match(
    reasonOf(byPath(entries).get('self')),
    /could not be read \(it is a link that leads back to itself\)/,
  );
});

test('links are followed, and a dangling link named like a picture fails', async () => {
  const root = join(dir, 'links');
  const elsewhere = await writeJpeg(join(dir, 'links-target/real.jpg'));
  await mkdir(root, { recursive: true });
  await symlink(elsewhere, join(root, 'linked.jpg'));
  await symlink(join(dir, 'links-target'), join(root, 'linked-folder'));
  await symlink(join(dir, 'nowhere.jpg'), join(root, 'gone.jpg'));
  await symlink(join(dir, 'nowhere.txt'), join(root, 'gone.txt'));
  const entries = byPath(await scan([root]));
  assert.equal(entries.get('linked.jpg')?.verdict, 'image');
  assert.equal(entries.get('linked.jpg')?.source, join(root, 'linked.jpg'));
  assert.equal(entries.get(join('linked-folder', 'real.jpg'))?.verdict, 'image');
  assert.equal(entries.get('gone.jpg')?.verdict, 'fail');
  assert.match(reasonOf(entries.get('gone.jpg')), /^links\/gone\.jpg: broken link/);
  assert.equal(entries.get('gone.txt')?.verdict, 'skip');
});

test('the output folder inside an input is never entered, even when it appears during the scan', async () => {
  const root = join(dir, 'with-out');
  const outDir = join(root, 'zz', 'out');
  await writeJpeg(join(root, 'a.jpg'));
  await writeJpeg(join(root, 'zz', 'keep.jpg'));
  const seen: string[] = [];
  for await (const entry of scanInputs([root], { outDir })) {
    seen.push(entry.relativePath);
    // Outputs are written while the scan goes on: the output folder appears now.
    if (entry.relativePath === 'a.jpg') await writeJpeg(join(outDir, 'a.jpg'));
  }
  assert.deepEqual(seen, ['a.jpg', join('zz', 'keep.jpg')]);
});

test('a link from an input into the output folder is not followed', async () => {
  const root = join(dir, 'link-out');
  const outDir = join(dir, 'link-out-results');
  await writeJpeg(join(root, 'a.jpg'));
  await writeJpeg(join(outDir, 'deep', 'old-output.jpg'));
  await symlink(join(outDir, 'deep'), join(root, 'into-out'));
  await symlink(outDir, join(root, 'out-itself'));
  assert.deepEqual(
    (await scan([root], { outDir })).map((e) => e.relativePath),
    ['a.jpg'],
  );
  // Without an output folder the same links are ordinary folders.
  assert.equal((await scan([root])).filter((e) => e.verdict === 'image').length, 2);
});

test('an input that itself lies inside the output folder is still scanned', async () => {
  const outDir = join(dir, 'outer');
  const root = join(outDir, 'originals');
  await writeJpeg(join(root, 'sub', 'x.jpg'));
  const entries = await scan([root], { outDir });
  assert.deepEqual(
    entries.map((e) => e.relativePath),
    [join('sub', 'x.jpg')],
  );
});

test('our own temp files are ignored entirely', async () => {
  const root = join(dir, 'temps');
  await writeJpeg(tempPathFor(join(root, 'x.jpg'), 7, 3));
  await writeJpeg(join(root, 'x.jpg'));
  assert.deepEqual(
    (await scan([root])).map((e) => e.relativePath),
    ['x.jpg'],
  );
});

test('overlapping inputs and repeated files are scanned once', async () => {
  const root = join(dir, 'overlap');
  const file = await writeJpeg(join(root, 'sub', 'x.jpg'));
  const entries = await scan([root, join(root, 'sub'), file, file]);
  assert.equal(
    entries.filter((e) => e.verdict === 'image' && e.relativePath === join('sub', 'x.jpg')).length,
    1,
  );
  assert.match(reasonOf(entries[1]), /^sub: the same folder was already scanned/);
  assert.equal(entries.filter((e) => e.source === file && e.root === file).length, 1);
});

test('a missing input fails with its name and the reason in words', async () => {
  const [entry] = await scan([join(dir, 'missing-folder')]);
  assert.equal(entry?.verdict, 'fail');
  assert.equal(
    reasonOf(entry),
    'missing-folder: could not be read (it does not exist (or was removed during the scan))',
  );
});

test(
  'a named pipe is skipped rather than opened (which would hang)',
  { timeout: 60_000 },
  async () => {
    const root = join(dir, 'pipes');
    await writeJpeg(join(root, 'x.jpg'));
    execFileSync('mkfifo', [join(root, 'pipe.jpg')]);
    const entries = byPath(await scan([root]));
    assert.equal(entries.get('pipe.jpg')?.verdict, 'skip');
    assert.match(reasonOf(entries.get('pipe.jpg')), /not a regular file/);
  },
);

test('odd names: spaces, unicode, emoji, leading dash, very long, newline', async () => {
  const root = join(dir, 'odd');
  const names = [
    'with space.jpg',
    'café-ñ.jpg',
    '📷 beach.jpg',
    '-rf.jpg',
    `${'l'.repeat(250)}.jpg`,
    'line\nbreak.jpg',
  ];
  for (const name of names) await writeJpeg(join(root, name));
  await writeHtml(join(root, 'bad\nname.jpg'));
  const entries = byPath(await scan([root]));
  for (const name of names) {
    assert.equal(entries.get(name)?.verdict, 'image', JSON.stringify(name));
    assert.equal(entries.get(name)?.source, join(root, name));
  }
  // A message stays on one line and still says which file.
  assert.equal(
    reasonOf(entries.get('bad\nname.jpg')),
    'odd/bad\\nname.jpg: not an image (it is an HTML page)',
  );
});

describe('files and folders that cannot be read', () => {
  // Root reads everything, so drop to an ordinary user while scanning (seteuid is reversible).
  const asOrdinaryUser = async <T>(work: () => Promise<T>): Promise<T> => {
    if (process.geteuid?.() !== 0) return work();
    process.seteuid!(65534);
    try {
      return await work();
    } finally {
      process.seteuid!(0);
    }
  };

  test('fail with "permission denied" and the scan goes on', async () => {
    const root = join(dir, 'locked');
    await writeJpeg(join(root, 'ok.jpg'));
    const secret = await writeJpeg(join(root, 'secret.jpg'));
    await writeJpeg(join(root, 'closed', 'hidden-away.jpg'));
    await chmod(secret, 0o000);
    await chmod(join(root, 'closed'), 0o000);
    for (const folder of [dir, root]) await chmod(folder, 0o755);
    const entries = byPath(await asOrdinaryUser(() => scan([root])));
    assert.equal(entries.get('ok.jpg')?.verdict, 'image');
    assert.equal(
      reasonOf(entries.get('secret.jpg')),
      'locked/secret.jpg: could not be read (permission denied)',
    );
    assert.equal(
      reasonOf(entries.get('closed')),
      'locked/closed: folder could not be read (permission denied)',
    );
    assert.equal(entries.get('closed')?.verdict, 'fail');
    await chmod(join(root, 'closed'), 0o755);
  });
});

test('scales: a wide folder streams every file once, in order', async () => {
  const root = join(dir, 'wide');
  await mkdir(root);
  const jpeg = await writeJpeg(join(dir, 'wide-source.jpg'), { width: 8, height: 8 });
  const bytes = (await import('node:fs/promises')).readFile(jpeg);
  const data = await bytes;
  const names = Array.from({ length: 2000 }, (_, i) => `img-${String(i).padStart(5, '0')}.jpg`);
  for (const name of names) await writeBytes(join(root, name), data);
  let count = 0;
  let last = '';
  for await (const entry of scanInputs([root], { concurrency: 8 })) {
    assert.equal(entry.verdict, 'image');
    assert.ok(entry.relativePath > last, `${entry.relativePath} after ${last}`);
    last = entry.relativePath;
    count += 1;
  }
  assert.equal(count, names.length);
});
