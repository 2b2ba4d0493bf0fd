import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from '../../../src/db/open-database.js';
import { RunStore } from '../../../src/db/run-store.js';
import { RunWriter } from '../../../src/db/run-writer.js';
import type { RunWriterOptions } from '../../../src/db/run-writer.js';
import type { RunEnd } from '../../../src/db/store-types.js';
import { pendingItems, processRun, tempDir } from './fixtures/store-fixtures.js';
import { holdLockElsewhere, holdLockHere, isWriteLocked } from './fixtures/write-lock.js';

const end: RunEnd = {
  status: 'completed',
  error: null,
  wallMs: 10,
  cpuMs: 20,
  peakRssEngineBytes: 1,
  peakRssWorkerBytes: 2,
  peakRssTotalBytes: 3,
};

function setUp(t: TestContext) {
  // Stands for the run, which keeps a real process alive: the writer's timers before finish
  // are unref'd on purpose, so awaiting its callbacks alone would let the event loop drain.
  const run = setInterval(() => {}, 1000);
  t.after(() => clearInterval(run));
  const file = path.join(tempDir(t), 'photobatch.db');
  const store = RunStore.open(file);
  t.after(() => store.close());
  return { file, store, runId: store.createRun(processRun()).id };
}

/** A writer whose callbacks are logged, in order, as `trouble`, `recovered` and `gave up`. */
function loggedWriter(store: RunStore, runId: number, options: RunWriterOptions = {}) {
  const log: string[] = [];
  const messages: string[] = [];
  const waiters: { word: string; resolve: () => void }[] = [];
  const note = (word: string, message?: string) => {
    log.push(word);
    if (message !== undefined) messages.push(message);
    for (const w of waiters.filter((w) => w.word === word)) w.resolve();
  };
  const writer = new RunWriter(store, runId, {
    onTrouble: (message) => note('trouble', message),
    onRecovered: () => note('recovered'),
    onGaveUp: (reason) => note('gave up', reason),
    ...options,
  });
  const next = (word: string) => new Promise<void>((resolve) => waiters.push({ word, resolve }));
  return { writer, log, messages, next };
}

// A writer that never settles must fail its test, not hang the file.
const within = { timeout: 20_000 };

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test(
  'another program holding the write lock past the busy timeout never blocks the event loop',
  { timeout: 60_000 },
  async (t) => {
    const { file, store, runId } = setUp(t);
    const probe = new Database(file);
    t.after(() => probe.close());
    // Longer than the driver's busy timeout, so a writer waiting it out would fail and crash.
    const holder = await holdLockElsewhere(t, file, BUSY_TIMEOUT_MS + 500);
    // Start writing well into the hold: a writer that waited with the usual busy timeout would
    // then sit inside SQLite until the holder lets go (< BUSY_TIMEOUT_MS later) and succeed,
    // and nothing else in this process would run before the lock is gone.
    await delay(1000);

    const { writer, log } = loggedWriter(store, runId, { flushEveryMs: 10 });
    writer.addItems(pendingItems(20));
    for (let seq = 0; seq < 20; seq++) writer.updateItem({ seq, status: 'ok', bytesOut: seq });
    log.push('calls returned');
    // Same delay as the writer's first attempt, queued after it: it runs once that attempt has
    // returned. If the attempt had waited for the lock, the lock would be gone by now.
    const seenByProbe = await new Promise<{ locked: boolean; log: string[] }>((resolve) =>
      setTimeout(() => resolve({ locked: isWriteLocked(probe), log: [...log] }), 10),
    );
    assert.deepEqual(seenByProbe, { locked: true, log: ['calls returned', 'trouble'] });

    // The run ends while the database is still locked; finish waits for it.
    const outcome = writer.finish(end);
    await holder.released;
    assert.deepEqual(await outcome, { saved: true });
    assert.deepEqual(log, ['calls returned', 'trouble', 'recovered']);

    const stored = store.getRun(runId)!;
    assert.deepEqual(
      [stored.status, stored.total, stored.ok, stored.wallMs],
      ['completed', 20, 20, end.wallMs],
    );
    assert.deepEqual(
      store.listItems(runId).map((i) => [i.seq, i.status, i.bytesOut]),
      Array.from({ length: 20 }, (_, seq) => [seq, 'ok', seq]),
    );
    assert.equal(writer.pendingRows, 0);
  },
);

test(
  'a database locked past the limit: finish says so in words, nothing is thrown, no timer is left',
  within,
  async (t) => {
    const { file, store, runId } = setUp(t);
    const timersBefore = timeouts();
    const lock = holdLockHere(t, file);
    const { writer, log, messages } = loggedWriter(store, runId, {
      giveUpAfterMs: 300,
      flushEveryMs: 5,
    });
    writer.addItems(pendingItems(5));
    writer.updateItem({ seq: 0, status: 'ok' });

    const outcome = await writer.finish(end);
    const reason = `the history could not be saved: ${store.path} stayed locked by another program for 300 ms`;
    assert.deepEqual(outcome, { saved: false, reason });
    assert.deepEqual(log, ['trouble', 'gave up']);
    assert.equal(
      messages[0],
      `the database ${store.path} is locked by another program (another copy of Photobatch, ` +
        `a database browser or a backup tool); results are kept in memory until it is free`,
    );
    assert.equal(messages[1], reason);
    assert.equal(timeouts(), timersBefore);

    // It stopped trying: once the lock is gone, nothing pending or new is written.
    lock.release();
    writer.addItems([{ ...pendingItems(1)[0]!, seq: 99 }]);
    writer.updateItem({ seq: 1, status: 'ok' });
    assert.equal(writer.pendingRows, 0);
    await delay(50);
    assert.deepEqual(store.listItems(runId), []);
    assert.equal(store.getRun(runId)!.status, 'running');
    assert.deepEqual(await writer.finish(end), outcome);
  },
);

test(
  'a process waiting only on finish stays alive until the history is written',
  within,
  async (t) => {
    const { file, store, runId } = setUp(t);
    const script = fileURLToPath(new URL('./fixtures/finish-while-locked.ts', import.meta.url));
    const child = fork(script, [file, String(runId)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const closed = once(child, 'close');
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    await once(child, 'message');
    const holder = await holdLockElsewhere(t, file, null);
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      // Let go only once the child has met the lock: from then on, only the writer's retry
      // timer can keep it alive until the history is written.
      // release() tells it once, however many chunks follow.
      if (out.includes('troubled\n')) holder.release();
    });
    child.send('go');
    const [code] = await closed;
    await holder.released;
    // Had its timer been unref'd, the child would have exited early without an outcome.
    assert.deepEqual({ code, out }, { code: 0, out: 'troubled\n{"saved":true}\n' });
    assert.deepEqual([store.getRun(runId)!.status, store.getRun(runId)!.total], ['completed', 4]);
  },
);

test(
  'updates of one item are merged while they wait; undefined leaves a field, null clears it',
  within,
  async (t) => {
    const { store, runId } = setUp(t);
    // No timed flush during the test: everything waits for finish.
    const writer = new RunWriter(store, runId, { flushEveryMs: 60_000 });
    writer.addItems(pendingItems(2));
    writer.updateItem({ seq: 0, workerId: 3, startMs: 5, download: { startMs: 1 } });
    writer.updateItem({
      seq: 0,
      status: 'ok',
      endMs: 9,
      workerId: undefined,
      download: { endMs: 2 },
    });
    writer.updateItem({ seq: 1, status: 'failed', error: 'corrupt JPEG' });
    writer.updateItem({ seq: 1, error: null });
    assert.equal(writer.pendingRows, 4);

    assert.deepEqual(await writer.finish(end), { saved: true });
    const [a, b] = store.listItems(runId);
    assert.deepEqual(
      [a!.status, a!.workerId, a!.startMs, a!.endMs, a!.download?.startMs, a!.download?.endMs],
      ['ok', 3, 5, 9, 1, 2],
    );
    assert.deepEqual([b!.status, b!.error], ['failed', null]);
    assert.equal(store.getRun(runId)!.status, 'completed');
  },
);

test('past the most rows it may keep waiting, the writer gives up at once', within, async (t) => {
  const { file, store, runId } = setUp(t);
  holdLockHere(t, file);
  // The default 60 s limit: only the bound can end this before the test's timeout.
  const { writer, log, next } = loggedWriter(store, runId, { maxPendingRows: 10, flushEveryMs: 5 });
  const troubled = next('trouble');
  writer.addItems(pendingItems(8));
  await troubled;
  writer.updateItem({ seq: 0, status: 'ok' });
  writer.updateItem({ seq: 1, status: 'ok' });
  writer.updateItem({ seq: 0, bytesOut: 5 }); // merged: still 10 rows
  assert.deepEqual(log, ['trouble']);
  writer.updateItem({ seq: 2, status: 'ok' });
  assert.deepEqual(log, ['trouble', 'gave up']);
  const outcome = await writer.finish(end);
  assert.equal(outcome.saved, false);
  assert.match(
    outcome.saved ? '' : outcome.reason,
    new RegExp(
      `^the history could not be saved: more than 10 results waited while the database ` +
        `${store.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is locked by another program`,
    ),
  );
});

test(
  'after the lock is released, writing goes on; finish stores the rest and the end',
  within,
  async (t) => {
    const { file, store, runId } = setUp(t);
    const { writer, log, next } = loggedWriter(store, runId, { flushEveryMs: 5 });
    const first = holdLockHere(t, file);
    const troubled = next('trouble');
    writer.addItems(pendingItems(10));
    await troubled;
    assert.deepEqual(store.listItems(runId), []);
    const recovered = next('recovered');
    first.release();
    await recovered;
    assert.equal(store.listItems(runId).length, 10);

    // A second spell of trouble is reported again, once.
    const second = holdLockHere(t, file);
    const troubledAgain = next('trouble');
    for (let seq = 0; seq < 10; seq++) writer.updateItem({ seq, status: 'ok' });
    await troubledAgain;
    const outcome = writer.finish(end);
    second.release();
    assert.deepEqual(await outcome, { saved: true });
    assert.deepEqual(log, ['trouble', 'recovered', 'trouble', 'recovered']);
    const stored = store.getRun(runId)!;
    assert.deepEqual([stored.status, stored.total, stored.ok], ['completed', 10, 10]);
  },
);

test(
  'many waiting rows are written without waiting for the timer, in bounded transactions',
  within,
  async (t) => {
    const { store, runId } = setUp(t);
    const writer = new RunWriter(store, runId, {
      flushEveryMs: 60_000,
      flushAtRows: 5,
      maxRowsPerTransaction: 3,
    });
    writer.addItems(pendingItems(7));
    // Only the row count can trigger this write: the timer is a minute away.
    while (store.listItems(runId).length < 7) await delay(5);
    for (let seq = 0; seq < 7; seq++) writer.updateItem({ seq, status: 'skipped' });
    assert.deepEqual(await writer.finish(end), { saved: true });
    assert.equal(store.getRun(runId)!.skipped, 7);
  },
);

test('a run deleted while it goes on ends the writing at once, in words', within, async (t) => {
  const { file, store, runId } = setUp(t);
  const raw = new Database(file);
  t.after(() => raw.close());
  raw.prepare(`DELETE FROM runs WHERE id = ?`).run(runId);
  const { writer, log } = loggedWriter(store, runId, { flushEveryMs: 5 });
  writer.addItems(pendingItems(2));
  // The default 60 s limit: waiting would outlast the test's timeout.
  assert.deepEqual(await writer.finish(end), {
    saved: false,
    reason:
      `the history could not be saved: run ${runId} does not exist in the database ` +
      `${store.path} (was it deleted while the run was going on?)`,
  });
  assert.deepEqual(log, ['gave up']);
});

test('a closed store or a bad update is reported, never thrown', within, async (t) => {
  const { store, runId } = setUp(t);
  const writer = new RunWriter(store, runId, { flushEveryMs: 5 });
  writer.updateItem({ seq: 1.5, status: 'ok' });
  const outcome = await writer.finish(end);
  assert.match(
    outcome.saved ? '' : outcome.reason,
    /refused a write \(Expected a non-negative integer for item seq but received 1\.5\)/,
  );

  // Callers without types (or with a bug) cannot make it throw either.
  const untyped = new RunWriter(store, runId, { flushEveryMs: 5 });
  assert.doesNotThrow(() => untyped.updateItem(undefined as never));
  assert.doesNotThrow(() => untyped.addItems(null as never));
  assert.equal((await untyped.finish(end)).saved, false);

  const file = path.join(tempDir(t), 'other.db');
  const closing = RunStore.open(file);
  const run = closing.createRun(processRun());
  const late = new RunWriter(closing, run.id, { flushEveryMs: 5 });
  late.addItems(pendingItems(1));
  closing.close();
  const lateOutcome = await late.finish(end);
  assert.deepEqual(lateOutcome, {
    saved: false,
    reason: `the history could not be saved: the database ${file} was closed before everything was written to it`,
  });
});

test('dispose stops at once: nothing more is written and finish says why', within, async (t) => {
  const { store, runId } = setUp(t);
  const writer = new RunWriter(store, runId, { flushEveryMs: 5 });
  writer.addItems(pendingItems(3));
  writer.dispose();
  await delay(30);
  assert.deepEqual(store.listItems(runId), []);
  assert.deepEqual(await writer.finish(end), {
    saved: false,
    reason: 'the history could not be saved: writing was stopped before the end',
  });
});

test('a callback that throws does not stop the writing', within, async (t) => {
  const { file, store, runId } = setUp(t);
  const lock = holdLockHere(t, file);
  let troubles = 0;
  const writer = new RunWriter(store, runId, {
    flushEveryMs: 5,
    onTrouble() {
      troubles++;
      lock.release();
      throw new Error('the shell is broken');
    },
    onRecovered() {
      throw new Error('still broken');
    },
  });
  writer.addItems(pendingItems(2));
  assert.deepEqual(await writer.finish(end), { saved: true });
  assert.equal(troubles, 1);
  assert.equal(store.getRun(runId)!.total, 2);
});
