import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkUrl, parseUrlList } from '../../../src/engine/download/parse-url-list.js';

test('ignores blank lines and # comments, trims whitespace, counts every line', () => {
  const list = parseUrlList(
    '# my photos\n\n   https://example.com/a.jpg  \r\n\t\n  # another comment\nhttp://example.com/b.png\n',
  );
  assert.deepEqual(
    list.lines.map((l) => [l.kind, l.line, l.source]),
    [
      ['url', 3, 'https://example.com/a.jpg'],
      ['url', 6, 'http://example.com/b.png'],
    ],
  );
  assert.equal(list.urls, 2);
});

test('a bad line is reported with its line number and does not stop the rest', () => {
  const list = parseUrlList(
    'ftp://example.com/a.jpg\nnot a url\nfile:///etc/passwd\nhttps://example.com/ok.jpg\n',
  );
  const bad = list.lines.filter((l) => l.kind === 'bad');
  assert.equal(bad.length, 3);
  assert.equal(list.urls, 1);
  const [ftp, words, file] = bad;
  assert.equal(ftp?.source, 'ftp://example.com/a.jpg');
  assert.equal(
    ftp?.kind === 'bad' && ftp.error,
    'line 1: only http and https URLs can be downloaded, not ftp',
  );
  assert.match(words?.kind === 'bad' ? words.error : '', /^line 2: this is not a URL/);
  assert.match(file?.kind === 'bad' ? file.error : '', /^line 3: only http and https/);
  assert.equal(list.lines.at(-1)?.kind, 'url');
});

test('duplicates are fetched once and point at the first occurrence', () => {
  const list = parseUrlList(
    'https://example.com/a.jpg\nhttps://EXAMPLE.com/a.jpg#frag\nhttps://example.com/a.jpg?x=1\n',
  );
  assert.deepEqual(
    list.lines.map((l) => l.kind),
    ['url', 'duplicate', 'url'],
  );
  const dup = list.lines[1]!;
  assert.equal(dup.kind === 'duplicate' && dup.firstLine, 1);
  assert.equal(list.duplicates, 1);
});

test('a byte-order mark and CR line ends do not spoil the first URL', () => {
  const list = parseUrlList('\uFEFFhttps://example.com/a.jpg\rhttps://example.com/b.jpg');
  assert.equal(list.urls, 2);
});

test('URLs with credentials are refused up front', () => {
  assert.ok('error' in checkUrl('https://user:secret@example.com/a.jpg'));
  assert.deepEqual(checkUrl('https://example.com/a b.jpg'), {
    url: 'https://example.com/a%20b.jpg',
  });
});

test('an empty list has no lines', () => {
  assert.equal(parseUrlList('\n# nothing\n  \n').lines.length, 0);
});
