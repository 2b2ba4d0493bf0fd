import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseName, formatDateTime, plural } from '../../../src/renderer/src/common/format.js';

test('plurals carry their count with thousands separators', () => {
  assert.equal(plural(1, 'image'), '1 image');
  assert.equal(plural(2000, 'image'), '2,000 images');
  assert.equal(plural(0, 'address', 'addresses'), '0 addresses');
});

test('base names of paths and URLs', () => {
  assert.equal(baseName('/photos/Trip/a.jpg'), 'a.jpg');
  assert.equal(baseName('C:\\photos\\b.png'), 'b.png');
  assert.equal(baseName('/photos/Trip/'), 'Trip');
  assert.equal(
    baseName('https://images.example/photo-1542281286-9e0a16bb7366?w=1080'),
    'photo-1542281286-9e0a16bb7366',
  );
  assert.equal(baseName('a.jpg'), 'a.jpg');
});

test('dates leave out the year when it is this one', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  assert.doesNotMatch(formatDateTime('2025-01-02T10:00:00Z', 'en-US', now), /2025/);
  assert.match(formatDateTime('2024-01-02T10:00:00Z', 'en-US', now), /2024/);
  assert.equal(formatDateTime('not a date'), 'not a date');
});
