import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeSelection,
  filesWithRelativePaths,
  walkEntries,
  type EntryLike,
} from '../../../src/renderer/src/features/process/dropped-files.js';

// Plain objects shaped like the File and Directory Entries API (the browser's own is not in Node).
function fileEntry(fullPath: string): EntryLike {
  const name = fullPath.split('/').pop()!;
  return Object.assign(
    { isFile: true, isDirectory: false, name, fullPath },
    { file: (ok: (f: File) => void) => ok(new File([new Uint8Array([0xff, 0xd8, 0xff])], name)) },
  );
}
function dirEntry(fullPath: string, children: EntryLike[], batch = 2): EntryLike {
  return Object.assign(
    { isFile: false, isDirectory: true, name: fullPath.split('/').pop()!, fullPath },
    {
      createReader: () => {
        let offset = 0;
        // Like Chromium: a few entries per call, then an empty batch.
        return {
          readEntries: (ok: (e: EntryLike[]) => void) => {
            const out = children.slice(offset, offset + batch);
            offset += batch;
            ok(out);
          },
        };
      },
    },
  );
}

test('walks dropped folders recursively, keeping paths relative to the drop', async () => {
  const tree = dirEntry('/Trip', [
    fileEntry('/Trip/a.jpg'),
    fileEntry('/Trip/.DS_Store'),
    dirEntry('/Trip/day2', [
      fileEntry('/Trip/day2/b.jpg'),
      fileEntry('/Trip/day2/c.png'),
      fileEntry('/Trip/day2/d.webp'),
    ]),
    fileEntry('/Trip/e.jpg'),
  ]);
  const files = await walkEntries([tree, fileEntry('/loose.jpg')]);
  assert.deepEqual(
    files.map((f) => f.relativePath),
    [
      'Trip/a.jpg',
      'Trip/day2/b.jpg',
      'Trip/day2/c.png',
      'Trip/day2/d.webp',
      'Trip/e.jpg',
      'loose.jpg',
    ],
  );
  assert.equal(files[0]!.file.size, 3);
});

test('picker files keep webkitRelativePath; plain files use their name', () => {
  const a = new File(['x'], 'a.jpg');
  Object.defineProperty(a, 'webkitRelativePath', { value: 'Trip/a.jpg' });
  const b = new File(['y'], 'b.jpg');
  const litter = new File(['z'], 'Thumbs.db');
  assert.deepEqual(
    filesWithRelativePaths([a, b, litter]).map((f) => f.relativePath),
    ['Trip/a.jpg', 'b.jpg'],
  );
});

test('a selection is named after its folder, or counted', () => {
  const f = new File(['x'], 'x');
  assert.equal(
    describeSelection([
      { file: f, relativePath: 'Trip/a.jpg' },
      { file: f, relativePath: 'Trip/b/c.jpg' },
    ]),
    'Trip',
  );
  assert.equal(
    describeSelection([
      { file: f, relativePath: 'a.jpg' },
      { file: f, relativePath: 'b.jpg' },
    ]),
    '2 files',
  );
  assert.equal(describeSelection([{ file: f, relativePath: 'a.jpg' }]), 'a.jpg');
});

test('an upload over the web shell limits is refused before sending, in words', async () => {
  const { uploadSizeProblem } =
    await import('../../../src/renderer/src/features/process/dropped-files.js');
  const fmt = (n: number) => `${n} B`;
  const big = { file: new File([new Uint8Array(10)], 'big.jpg'), relativePath: 'Trip/big.jpg' };
  const small = { file: new File([new Uint8Array(4)], 's.jpg'), relativePath: 'Trip/s.jpg' };
  assert.equal(uploadSizeProblem([big, small], null, fmt), null, 'Electron has no limits');
  assert.equal(uploadSizeProblem([big, small], { fileBytes: 10, totalBytes: 14 }, fmt), null);
  assert.match(
    uploadSizeProblem([big], { fileBytes: 9, totalBytes: 100 }, fmt)!,
    /Trip\/big\.jpg is 10 B, larger than the 9 B/,
  );
  assert.match(
    uploadSizeProblem([big, small], { fileBytes: 10, totalBytes: 13 }, fmt)!,
    /2 files come to 14 B/,
  );
});
