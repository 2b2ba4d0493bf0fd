/**
 * `photobatch presets` and `--preset` end to end: a built-in preset's run writes what it says,
 * options given change it (a size option replaces its size), yours are saved from options,
 * renamed, deleted, exported and imported through the real CLI on a real store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { realPhotos, tempDir } from '../../helpers/real-photos.js';
import { filesUnder } from '../../helpers/files-under.js';
import { runCli } from '../../helpers/cli.js';

async function folder(root: string): Promise<string> {
  const input = path.join(root, 'in');
  await mkdir(input, { recursive: true });
  // Larger than the biggest size a built-in preset asks for here (Share: long edge 1600).
  const [photo] = await realPhotos(1, 1800);
  await copyFile(photo!, path.join(input, 'big.jpg'));
  return input;
}

async function only(out: string) {
  const files = filesUnder(out);
  assert.equal(files.length, 1, files.join(', '));
  const meta = await sharp(path.join(out, files[0]!)).metadata();
  return { name: files[0]!, format: meta.format, width: meta.width, height: meta.height };
}

test('--preset: a built-in writes what it says; options change it; a size option replaces its size', async () => {
  const root = await tempDir();
  const input = await folder(root);
  const db = path.join(root, 'db');
  const run = async (out: string, ...options: string[]) => {
    const r = await runCli([
      'process',
      input,
      '--out',
      path.join(root, out),
      ...options,
      '--db',
      db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    return only(path.join(root, out));
  };
  const share = await run('share', '--preset', 'share');
  assert.equal(share.format, 'jpeg');
  assert.equal(Math.max(share.width!, share.height!), 1600);
  const thumbs = await run('thumbs', '--preset', 'Thumbnails', '--format', 'webp');
  assert.deepEqual([thumbs.format, thumbs.width, thumbs.height], ['webp', 400, 400]);
  const fitted = await run('fit', '--preset', 'Web', '--fit', '300x300');
  assert.equal(fitted.format, 'webp');
  assert.equal(Math.max(fitted.width!, fitted.height!), 300);
  const shown = JSON.parse((await runCli(['show', '3', '--json', '--db', db])).stdout);
  assert.equal(shown.run.settings.process.longEdge, null, 'the preset size was replaced');
  assert.deepEqual(shown.run.settings.process.fit, { width: 300, height: 300 });

  const unknown = await runCli([
    'process',
    input,
    '--out',
    path.join(root, 'x'),
    '--preset',
    'Nope',
    '--db',
    db,
  ]);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /--preset: there is no preset named "Nope"; there are: Web, Thumbnails, Tutorial, Share/,
  );
});

test('presets save, list, rename, export, delete, import: yours in the store, the file round-trips', async () => {
  const root = await tempDir();
  const input = await folder(root);
  const db = path.join(root, 'db');
  const cli = (...args: string[]) => runCli([...args, '--db', db]);

  const saved = await cli(
    'presets',
    'save',
    'Square',
    '--preset',
    'Thumbnails',
    '--fill',
    '120x120',
    '--format',
    'png',
    '--name',
    '{name}-sq',
  );
  assert.equal(saved.code, 0, saved.stderr);
  assert.match(saved.stdout, /saved preset "Square": fill 120x120, PNG, named \{name\}-sq/);
  const taken = await cli('presets', 'save', 'square', '--blur', '2');
  assert.equal(taken.code, 2);
  assert.match(
    taken.stderr,
    /you have a preset named "square": choose another name, or replace it/,
  );
  const builtIn = await cli('presets', 'delete', 'Web');
  assert.equal(builtIn.code, 2);
  assert.match(builtIn.stderr, /"Web" is built in and cannot be deleted/);

  const listed = JSON.parse((await cli('presets', '--json')).stdout).presets;
  assert.deepEqual(
    listed.map((p: { name: string; builtIn: boolean }) => `${p.name}${p.builtIn ? '*' : ''}`),
    ['Web*', 'Thumbnails*', 'Tutorial*', 'Share*', 'Square'],
  );
  assert.equal((await cli('presets', 'rename', 'square', 'Tiles')).code, 0);
  const r = await cli('process', input, '--out', path.join(root, 'out'), '--preset', 'tiles');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await only(path.join(root, 'out')), {
    name: 'big-sq.png',
    format: 'png',
    width: 120,
    height: 120,
  });

  const file = path.join(root, 'mine.json');
  assert.equal((await cli('presets', 'export', '--out', file)).code, 0);
  const again = await cli('presets', 'export', '--out', file);
  assert.equal(again.code, 2, 'an existing file is not replaced without --force');
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.deepEqual(exported.presets, [
    {
      name: 'Tiles',
      settings: { fill: { width: 120, height: 120 }, format: 'png', nameTemplate: '{name}-sq' },
    },
  ]);
  assert.equal((await cli('presets', 'delete', 'Tiles')).code, 0);
  const imported = await cli('presets', 'import', file);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /imported 1 preset: Tiles/);
  const twice = await cli('presets', 'import', file);
  assert.match(
    twice.stdout,
    /imported 0 presets\n {2}kept as it was: "Tiles" \(you have a preset of that name; --replace replaces it\)/,
  );
  const broken = path.join(root, 'broken.json');
  await copyFile(path.join(root, 'in', 'big.jpg'), broken);
  const bad = await cli('presets', 'import', broken);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /broken\.json: not a presets file: it is not JSON/);
});
