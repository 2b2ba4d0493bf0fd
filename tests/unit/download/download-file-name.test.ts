import { MAX_NUMBERED_NAMES } from '../../../src/media/numbered-name.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chooseDownloadName,
  MAX_NAME_BYTES,
  nameFromContentDisposition,
  nameFromUrl,
  sanitizeFileName,
  uniqueCandidates,
} from '../../../src/engine/download/download-file-name.js';

test('the URL path last segment, without the query, gets the content extension', () => {
  const name = chooseDownloadName({
    url: 'https://images.unsplash.com/photo-1542281286-9e0a16bb7366?w=1080&q=80',
    finalUrl: null,
    contentDisposition: null,
    format: 'jpeg',
    fallbackNumber: 1,
  });
  assert.equal(name, 'photo-1542281286-9e0a16bb7366.jpg');
});

test('extensions are kept when right, corrected when a picture extension is wrong, added otherwise', () => {
  const name = (url: string, format: 'jpeg' | 'png' | 'webp') =>
    chooseDownloadName({
      url,
      finalUrl: null,
      contentDisposition: null,
      format,
      fallbackNumber: 1,
    });
  assert.equal(name('https://x.test/a/IMG_1.JPEG', 'jpeg'), 'IMG_1.JPEG');
  assert.equal(name('https://x.test/a/fake.png', 'jpeg'), 'fake.jpg');
  assert.equal(name('https://x.test/view.php?id=3', 'webp'), 'view.php.webp');
  assert.equal(name('https://x.test/', 'png'), 'download-1.png');
});

test('percent-escapes are decoded, then sanitised', () => {
  assert.equal(nameFromUrl('https://x.test/caf%C3%A9%20menu.jpg'), 'café menu.jpg');
  assert.equal(nameFromUrl('https://x.test/a%2F..%2F..%2Fevil.jpg'), 'evil.jpg');
  assert.equal(nameFromUrl('https://x.test/%2e%2e'), null);
  assert.equal(nameFromUrl('https://x.test/bad%E0%A4%A.jpg'), 'bad%E0%A4%A.jpg');
});

test('sanitising: no separators, no .., no control characters, no Windows traps', () => {
  assert.equal(sanitizeFileName('../../evil.jpg'), 'evil.jpg');
  assert.equal(sanitizeFileName('..\\..\\windows\\evil.jpg'), 'evil.jpg');
  assert.equal(sanitizeFileName('..'), null);
  assert.equal(sanitizeFileName('a\u0000b\nc\u007f.jpg'), 'abc.jpg');
  assert.equal(sanitizeFileName('what?<is>:this|*.jpg'), 'what__is__this__.jpg');
  assert.equal(sanitizeFileName('  .hidden.jpg. '), 'hidden.jpg');
  assert.equal(sanitizeFileName('CON.jpg'), '_CON.jpg');
  assert.equal(sanitizeFileName(''), null);
});

test('long names are cut to the byte limit without splitting characters, keeping the extension', () => {
  const name = sanitizeFileName(`${'é'.repeat(300)}.jpg`)!;
  assert.ok(Buffer.byteLength(name) <= MAX_NAME_BYTES);
  assert.ok(name.endsWith('é.jpg'));
  assert.ok(!name.includes('\uFFFD'));
});

test('Content-Disposition names: quoted, bare and RFC 5987, always sanitised', () => {
  assert.equal(nameFromContentDisposition('attachment; filename="../../evil.jpg"'), 'evil.jpg');
  assert.equal(nameFromContentDisposition('inline; filename=plain.png'), 'plain.png');
  assert.equal(
    nameFromContentDisposition(
      `attachment; filename="fallback.jpg"; filename*=UTF-8''%E2%82%AC%20rates.jpg`,
    ),
    '€ rates.jpg',
  );
  assert.equal(nameFromContentDisposition('attachment'), null);
  assert.equal(nameFromContentDisposition('attachment; filename=".."'), null);
  assert.equal(nameFromContentDisposition(null), null);
});

test('Content-Disposition wins over the URL when it gives a usable name', () => {
  const base = {
    url: 'https://x.test/get?id=1',
    finalUrl: null,
    format: 'jpeg' as const,
    fallbackNumber: 1,
  };
  assert.equal(
    chooseDownloadName({ ...base, contentDisposition: 'attachment; filename="/etc/passwd"' }),
    'passwd.jpg',
  );
  assert.equal(
    chooseDownloadName({ ...base, contentDisposition: 'attachment; filename=".."' }),
    'get.jpg',
  );
});

test('unique candidates: same.jpg, same-1.jpg, same-2.jpg', () => {
  const names = uniqueCandidates('same.jpg');
  assert.deepEqual(
    [names.next().value, names.next().value, names.next().value],
    ['same.jpg', 'same-1.jpg', 'same-2.jpg'],
  );
});

test('the candidate names end: the name itself, then at most MAX_NUMBERED_NAMES numbered ones', () => {
  const all = [...uniqueCandidates('same.jpg')];
  assert.equal(all.length, MAX_NUMBERED_NAMES + 1);
  assert.equal(all.at(-1), `same-${MAX_NUMBERED_NAMES}.jpg`);
});
