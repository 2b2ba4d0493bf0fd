/** Progress on stderr: a live bar on a terminal, plain lines otherwise; failures name the file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createProgressPrinter } from '../../../src/cli/progress-printer.js';
import type { CliIo } from '../../../src/cli/cli-io.js';
import type { AppEvent, EventPayloads } from '../../../src/shared/contract.js';

function captureIo(isTTY: boolean): { io: CliIo; text: () => string } {
  let text = '';
  const sink = () =>
    Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          text += String(chunk);
          done();
        },
      }),
      { isTTY },
    );
  // Escape codes shown as <ESC> so expectations stay readable (and lint-clean).
  return {
    io: { stdout: sink(), stderr: sink(), env: {} },
    text: () => text.split('\u001b').join('<ESC>'),
  };
}

function progress(elapsedMs: number, ok: number, failed = 0): AppEvent {
  const payload: EventPayloads['run:progress'] = {
    runId: 7,
    kind: 'process',
    total: 10,
    ok,
    failed,
    skipped: 0,
    elapsedMs,
    itemsPerSecond: (ok + failed) / (elapsedMs / 1000),
    etaMs: 4000,
    workers: [],
    bytes: 0,
  };
  return { name: 'run:progress', payload };
}

test('on a terminal: one bar rewritten in place, with count, rate and ETA', () => {
  const { io, text } = captureIo(true);
  const print = createProgressPrinter(io);
  print(progress(1000, 3));
  print(progress(1250, 4));
  const out = text();
  assert.match(out, /\r<ESC>\[K\[#{10}-{14}\] 4\/10 · 3\.20 img\/s · 1\.25 s · ETA 4\.00 s$/);
  assert.equal(out.split('\n').length, 1, 'no new lines while the bar runs');
});

test('not a terminal: plain lines, at most one every two seconds', () => {
  const { io, text } = captureIo(false);
  const print = createProgressPrinter(io);
  for (let ms = 250; ms <= 4500; ms += 250) print(progress(ms, Math.floor(ms / 500)));
  const lines = text().trim().split('\n');
  assert.equal(lines.length, 3);
  assert.ok(lines.every((l) => l.startsWith('progress: ') && !l.includes('<ESC>')));
});

test('a failure is printed on its own line naming the file and the reason', () => {
  const { io, text } = captureIo(true);
  const print = createProgressPrinter(io);
  print(progress(500, 1));
  print({
    name: 'item:done',
    payload: {
      runId: 7,
      items: [
        { source: '/photos/ok.jpg', status: 'ok', error: null },
        {
          source: '/photos/broken.jpg',
          status: 'failed',
          error: 'the image file is truncated or damaged',
        },
      ] as EventPayloads['item:done']['items'],
    },
  });
  assert.match(
    text(),
    /\r<ESC>\[Kfailed: \/photos\/broken\.jpg: the image file is truncated or damaged\n/,
  );
  assert.doesNotMatch(text(), /ok\.jpg/);
});
