// The web shell refuses every request and socket that lacks the token, names another host, or
// comes from a foreign page; it listens on loopback only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  INDEX_HTML,
  cookieFromFirstUrl,
  openSocket,
  send,
  startHarness,
} from './web-shell-harness.js';
import type { Harness } from './web-shell-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.shell.close();
});

test('the printed URL is on 127.0.0.1 with a long random token', () => {
  assert.match(h.shell.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
});

test('without a token, the page, the API and the socket are refused with 403', async () => {
  assert.equal((await send(h, { path: '/' })).status, 403);
  assert.equal((await send(h, { path: '/assets/app.js' })).status, 403);
  assert.equal((await send(h, { path: '/api/uploads', method: 'POST' })).status, 403);
  await assert.rejects(openSocket(h, {}), /refused with 403/);
});

test('a wrong token is refused in the URL, the cookie and the header', async () => {
  const wrong = h.shell.token.slice(0, -1) + (h.shell.token.endsWith('A') ? 'B' : 'A');
  const name = `photobatch_token_${h.shell.port}`;
  assert.equal((await send(h, { path: `/?token=${wrong}` })).status, 403);
  assert.equal((await send(h, { path: '/', headers: { cookie: `${name}=${wrong}` } })).status, 403);
  assert.equal(
    (await send(h, { path: '/', headers: { authorization: `Bearer ${wrong}` } })).status,
    403,
  );
  // A token for another shell's port in the cookie does not count either.
  assert.equal(
    (await send(h, { path: '/', headers: { cookie: `photobatch_token_1=${h.shell.token}` } }))
      .status,
    403,
  );
  await assert.rejects(openSocket(h, { cookie: `${name}=${wrong}` }), /refused with 403/);
});

test('the first URL sets an HttpOnly, SameSite=Strict cookie and drops the token from the address', async () => {
  const answer = await send(h, { path: `/?token=${h.shell.token}` });
  assert.equal(answer.status, 303);
  assert.equal(answer.headers.location, '/');
  const cookie = answer.headers['set-cookie']?.[0] ?? '';
  assert.match(cookie, new RegExp(`^photobatch_token_${h.shell.port}=${h.shell.token};`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);

  const page = await send(h, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
  assert.equal(page.status, 200);
  assert.equal(page.body, INDEX_HTML);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
});

test('the token also works as a Bearer header', async () => {
  const answer = await send(h, {
    path: '/assets/app.js',
    headers: { authorization: `Bearer ${h.shell.token}` },
  });
  assert.equal(answer.status, 200);
  assert.match(String(answer.headers['content-type']), /javascript/);
});

test('a wrong Host is refused even with the right token (DNS rebinding)', async () => {
  const cookie = await cookieFromFirstUrl(h);
  for (const host of [
    'evil.example',
    `evil.example:${h.shell.port}`,
    `127.0.0.1:${h.shell.port + 1}`,
    `0.0.0.0:${h.shell.port}`,
    '127.0.0.1',
  ]) {
    const answer = await send({ ...h, host }, { path: '/', headers: { cookie } });
    assert.equal(answer.status, 403, host);
    await assert.rejects(openSocket({ ...h, host }, { cookie }), /refused with 403/, host);
  }
  // Both loopback names are fine.
  assert.equal(
    (
      await send(
        { ...h, host: `localhost:${h.shell.port}` },
        { path: '/', headers: { authorization: `Bearer ${h.shell.token}` } },
      )
    ).status,
    200,
  );
});

test('a foreign Origin is refused for HTTP and for the socket, even with the token', async () => {
  const cookie = await cookieFromFirstUrl(h);
  for (const origin of [
    'http://evil.example',
    `http://localhost:${h.shell.port}`,
    `https://127.0.0.1:${h.shell.port}`,
    'null',
  ]) {
    const answer = await send(h, {
      path: '/api/uploads',
      method: 'POST',
      headers: { cookie, origin },
    });
    assert.equal(answer.status, 403, origin);
    await assert.rejects(openSocket(h, { cookie }, origin), /refused with 403/, origin);
  }
  // Its own origin is fine.
  const socket = await openSocket(h, { cookie }, `http://127.0.0.1:${h.shell.port}`);
  assert.equal((await socket.invoke('settings:get', {})).host, 'web');
  socket.close();
});

test('the shell listens on 127.0.0.1 only', async () => {
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
  for (const address of others) {
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: address, port: h.shell.port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    assert.equal(reached, false, `reachable on ${address}`);
  }
  // Reachable on loopback, where the tests above talk to it.
  assert.equal((await send(h, { path: '/' })).status, 403);
});

test('paths that climb out of the built window are not served', async () => {
  const headers = { authorization: `Bearer ${h.shell.token}` };
  for (const path of [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fphotobatch.db',
    '/..%5c..%5cphotobatch.db',
  ]) {
    const answer = await send(h, { path, headers });
    assert.ok(
      !answer.body.includes('root:') && !answer.body.includes('SQLite'),
      `${path} leaked: ${answer.status}`,
    );
  }
});
