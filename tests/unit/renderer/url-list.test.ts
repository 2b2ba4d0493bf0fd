import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkUrlList,
  urlLineProblem,
} from '../../../src/renderer/src/features/download/url-list.js';

test('counts good lines, ignores blanks and comments, fetches duplicates once', () => {
  const text = [
    '# holiday photos',
    'https://images.example/a.jpg',
    '',
    '   http://images.example/b.jpg   ',
    'https://images.example/a.jpg',
    'HTTPS://IMAGES.example/a.jpg',
    '',
  ].join('\n');
  const r = checkUrlList(text);
  assert.equal(r.valid, 2);
  assert.equal(r.duplicates, 2);
  assert.equal(r.ignored, 2, 'comment and the blank line; the trailing newline is no line');
  assert.deepEqual(r.bad, []);
});

test('marks bad lines with their line number and a reason in words', () => {
  const r = checkUrlList(
    'https://ok.example/1.jpg\nftp://files.example/2.jpg\nnot a url\nfile:///etc/passwd\nimages.example/3.jpg\r\nhttp://\n',
  );
  assert.equal(r.valid, 1);
  assert.deepEqual(
    r.bad.map((b) => b.line),
    [2, 3, 4, 5, 6],
  );
  assert.match(r.bad[0]!.reason, /only http and https/);
  assert.match(r.bad[0]!.reason, /ftp:/);
  assert.match(r.bad[1]!.reason, /spaces/);
  assert.match(r.bad[2]!.reason, /file:/);
  assert.match(r.bad[3]!.reason, /should start with http/);
  assert.equal(r.bad[3]!.text, 'images.example/3.jpg');
});

test('empty text has nothing to download', () => {
  assert.deepEqual(checkUrlList(''), { valid: 0, duplicates: 0, ignored: 0, bad: [] });
});

test('single-line problems', () => {
  assert.equal(urlLineProblem('https://a.example/x.jpg?w=1080'), null);
  assert.equal(urlLineProblem('http://127.0.0.1:8080/x'), null);
  assert.notEqual(urlLineProblem('javascript:alert(1)'), null);
  assert.notEqual(urlLineProblem('data:image/png;base64,AAAA'), null);
});

test('20,000 lines are checked quickly enough to run on every keystroke (deferred)', () => {
  const text = Array.from(
    { length: 20_000 },
    (_, i) => `https://images.example/photo-${i}.jpg`,
  ).join('\n');
  const t0 = performance.now();
  const r = checkUrlList(text);
  const ms = performance.now() - t0;
  assert.equal(r.valid, 20_000);
  assert.ok(ms < 500, `took ${ms} ms`);
});
