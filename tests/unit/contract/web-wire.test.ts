// The web socket's message shapes: what the browser may send, what the shell answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clientMessageSchema,
  serverMessageSchema,
  uploadFileUrl,
  uploadUrl,
} from '../../../src/shared/web-wire.js';

test('an invoke message needs a type, a numeric id and a name', () => {
  assert.equal(
    clientMessageSchema.safeParse({ type: 'invoke', id: 1, name: 'runs:list', input: {} }).success,
    true,
  );
  // The input is checked per command later, so anything may travel here.
  assert.equal(
    clientMessageSchema.safeParse({ type: 'invoke', id: 2, name: 'runs:list' }).success,
    true,
  );
  for (const bad of [
    { type: 'call', id: 1, name: 'runs:list', input: {} },
    { type: 'invoke', id: '1', name: 'runs:list', input: {} },
    { type: 'invoke', id: -1, name: 'runs:list', input: {} },
    { type: 'invoke', id: 1, name: 7, input: {} },
    { type: 'invoke', id: 1, name: 'x'.repeat(101), input: {} },
    null,
    [],
  ]) {
    assert.equal(clientMessageSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

test('server messages are results (ok or error) or events', () => {
  for (const good of [
    { type: 'result', id: 1, ok: true, value: { runId: 3 } },
    { type: 'result', id: 1, ok: false, error: { message: 'run 3 not found' } },
    { type: 'event', event: { name: 'run:progress', payload: {} } },
  ]) {
    assert.equal(serverMessageSchema.safeParse(good).success, true, JSON.stringify(good));
  }
  for (const bad of [
    { type: 'result', id: 1, ok: false },
    { type: 'result', id: 'a', ok: true, value: 1 },
    { type: 'hello' },
  ]) {
    assert.equal(serverMessageSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

test('upload URLs are relative and escape what they carry', () => {
  assert.equal(uploadUrl('abc'), '/api/uploads/abc');
  assert.equal(
    uploadFileUrl('abc', 'trip/day 1/a#1.jpg'),
    '/api/uploads/abc?path=trip%2Fday%201%2Fa%231.jpg',
  );
});
