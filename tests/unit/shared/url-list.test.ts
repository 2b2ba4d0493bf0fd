import assert from 'node:assert/strict';
import { test } from 'node:test';
// The URL list rules shared by the engine (what it fetches) and the Download screen (what its
// button counts), so the two cannot disagree.
import { checkUrl, parseUrlList } from '../../../src/shared/url-list.js';
import type { UrlListLine } from '../../../src/shared/url-list.js';

const badOnes = (text: string) =>
  parseUrlList(text).lines.filter(
    (l): l is Extract<UrlListLine, { kind: 'bad' }> => l.kind === 'bad',
  );

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

test('a bad line carries its reason alone for the window and with its line number for the run', () => {
  const [ftp] = badOnes('https://ok.example/1.jpg\nftp://files.example/2.jpg\n');
  assert.equal(ftp!.line, 2);
  assert.equal(ftp!.reason, 'only http and https URLs can be downloaded, not ftp');
  assert.equal(ftp!.error, `line 2: ${ftp!.reason}`);
});

test('reasons say what to do: a missing scheme, two addresses on one line', () => {
  const [noScheme, two, words] = badOnes(
    'images.example/3.jpg\nhttps://a.example/1.jpg https://a.example/2.jpg\nnot a url at all\n',
  );
  assert.match(noScheme!.reason, /should start with http:\/\/ or https:\/\//);
  assert.match(two!.reason, /more than one address; put one URL on each line/);
  assert.match(words!.reason, /^this is not a URL/);
  // A space inside one address is fine: it is sent as %20.
  assert.equal(parseUrlList('https://a.example/My Photo.jpg').urls, 1);
});

test('what is counted is what is fetched: http(s) only, fragments and case of the host ignored', () => {
  const list = parseUrlList(
    [
      '# holiday photos',
      'https://images.example/a.jpg',
      '',
      '   http://images.example/b.jpg   ',
      'https://images.example/a.jpg',
      'HTTPS://IMAGES.example/a.jpg#big',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'http://',
      'http://127.0.0.1:8080/x',
      '',
    ].join('\n'),
  );
  assert.equal(list.urls, 3);
  assert.equal(list.duplicates, 2);
  assert.deepEqual(
    badOnes(list.lines.map((l) => l.source).join('\n')).map((b) => b.source),
    ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'http://'],
  );
});

test('a 20,000-line list is read exactly: every line accounted for, in order', () => {
  // Correctness on a large input instead of a wall-clock bound (which flakes on a busy machine).
  const lines = Array.from({ length: 20_000 }, (_, i) =>
    i % 10 === 9 ? `ftp://images.example/${i}.jpg` : `https://images.example/photo-${i % 5000}.jpg`,
  );
  const list = parseUrlList(lines.join('\n'));
  assert.equal(list.lines.length, 20_000);
  assert.equal(list.bad, 2_000);
  // Good lines name photo-k for k = i % 5000 with k % 10 !== 9 (those i are the bad lines): 4,500.
  assert.equal(list.urls, 4_500);
  assert.equal(list.duplicates, 20_000 - 2_000 - 4_500);
  assert.equal(list.urls + list.bad + list.duplicates, list.lines.length);
  assert.deepEqual(
    list.lines.slice(0, 3).map((l) => [l.kind, l.line]),
    [
      ['url', 1],
      ['url', 2],
      ['url', 3],
    ],
  );
  assert.equal(list.lines[9]!.kind, 'bad');
  assert.equal(list.lines[19_999]!.line, 20_000);
});
