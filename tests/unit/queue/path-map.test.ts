import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkTaskPaths,
  mapPath,
  parsePathMappings,
  writtenInCoordinatorsTerms,
} from '../../../src/engine/queue/path-map.js';
import { parseQueueUrl, redisOptions } from '../../../src/engine/queue/queue-url.js';
import { isTempName, runIdOfTempName, tempPathFor } from '../../../src/engine/temp-names.js';

test('--map: the longest matching folder wins, whole path components only', () => {
  const maps = parsePathMappings(['/mnt/photos=/Volumes/photos', '/mnt/photos/raw=/raw']);
  assert.equal(mapPath('/mnt/photos/2026/a.jpg', maps), '/Volumes/photos/2026/a.jpg');
  assert.equal(mapPath('/mnt/photos/raw/b.jpg', maps), '/raw/b.jpg');
  assert.equal(mapPath('/mnt/photos', maps), '/Volumes/photos');
  assert.equal(
    mapPath('/mnt/photos-old/c.jpg', maps),
    '/mnt/photos-old/c.jpg',
    'not a prefix match',
  );
});

test('--map: a bad value is refused naming it', () => {
  for (const bad of ['/a', 'a=/b', '/a=b', '=/b', '/a=']) {
    assert.throws(() => parsePathMappings([bad]), new RegExp(`--map must be FROM=TO.*"${bad}"`));
  }
});

test('task paths outside the run’s inputs and output are refused', () => {
  const ok = {
    source: '/in/a.jpg',
    output: '/out/a.jpg',
    temp: '/out/.a.jpg.photobatch-1-1-a1.tmp',
  };
  checkTaskPaths(ok, ['/in'], '/out');
  assert.throws(
    () => checkTaskPaths({ ...ok, source: '/etc/passwd' }, ['/in'], '/out'),
    /refused \/etc\/passwd/,
  );
  assert.throws(
    () => checkTaskPaths({ ...ok, output: '/out/../etc/x' }, ['/in'], '/out'),
    /not inside the run's output/,
  );
  assert.throws(
    () => checkTaskPaths({ ...ok, temp: '/tmp/x' }, ['/in'], '/out'),
    /refused \/tmp\/x/,
  );
});

test('queue URLs: redis:// and rediss:// only; shown without the password', () => {
  const url = parseQueueUrl('redis://user:s%40cret@host:6380/2', '--queue');
  assert.equal(url.shown, 'redis://host:6380/2');
  const options = redisOptions(url);
  assert.equal(options.password, 's@cret');
  assert.equal(options.username, 'user');
  assert.equal(options.db, 2);
  assert.equal(options.port, 6380);
  assert.ok(redisOptions(parseQueueUrl('rediss://h', '--queue')).tls);
  for (const bad of ['http://h:6379', 'h:6379', 'redis://h/x']) {
    assert.throws(() => parseQueueUrl(bad, '--queue'), /--queue/);
  }
});

test('temp names carry the attempt and are still ours', () => {
  const a1 = tempPathFor('/out/a.jpg', 7, 3, 1);
  const a2 = tempPathFor('/out/a.jpg', 7, 3, 2);
  assert.notEqual(a1, a2);
  assert.equal(a1, '/out/.a.jpg.photobatch-7-3-a1.tmp');
  assert.ok(isTempName('.a.jpg.photobatch-7-3-a1.tmp'));
  assert.equal(runIdOfTempName('.a.jpg.photobatch-7-3-a2.tmp'), 7);
  assert.equal(tempPathFor('/out/a.jpg', 7, 3), '/out/.a.jpg.photobatch-7-3.tmp');
});

test("a name a worker chose (numbered, or a kept original's) is reported in the coordinator's folder", () => {
  const maps = parsePathMappings(['/mnt/photos=/Volumes/photos']);
  const planned = '/mnt/photos/out/2026/a.png';
  const written = mapPath('/mnt/photos/out/2026/a.jpg', maps);
  assert.equal(written, '/Volumes/photos/out/2026/a.jpg', "the worker's own path");
  assert.equal(writtenInCoordinatorsTerms(planned, written), '/mnt/photos/out/2026/a.jpg');
  assert.equal(
    writtenInCoordinatorsTerms(planned, '/Volumes/photos/out/2026/a-1.png'),
    '/mnt/photos/out/2026/a-1.png',
  );
});
