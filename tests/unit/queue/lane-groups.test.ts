// A queue run's lanes grouped by machine: each machine's lanes together under its name in the
// timeline and under `compare`'s table; a local run reads as it always did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns, runTimeline } from '../../../src/shared/compare-runs.js';
import { laneGroups, namesMachines, rowsByGroup } from '../../../src/shared/lane-groups.js';
import type { MachineShare } from '../../../src/shared/records.js';
import { comparisonTable } from '../../../src/cli/run-tables.js';
import { item, runRecord } from '../renderer/fixtures.js';

const share = (over: Partial<MachineShare>): MachineShare => ({
  name: 'A',
  host: 'host-a',
  lanes: 1,
  ok: 1,
  failed: 0,
  cpuMs: 10,
  laneIds: [0],
  ...over,
});

// Results came back A, B, A: lanes 0 and 2 are A's, lane 1 is B's.
const machines = [
  share({ name: 'A', host: 'host-a', lanes: 2, ok: 3, laneIds: [2, 0] }),
  share({ name: 'B', host: 'host-b', lanes: 1, ok: 2, failed: 1, laneIds: [1] }),
];

test("a queue run's lanes group by machine, each machine's ascending, in the machines' order", () => {
  const groups = laneGroups(machines, 3);
  assert.deepEqual(groups, [
    { label: 'A (host-a)', lanes: [0, 2], ok: 3, failed: 0 },
    { label: 'B (host-b)', lanes: [1], ok: 2, failed: 1 },
  ]);
  assert.deepEqual(
    [...rowsByGroup(groups)],
    [
      [0, 0],
      [2, 1],
      [1, 2],
    ],
  );
});

test('a local run is one unlabelled group; lanes no machine claimed are kept, unlabelled', () => {
  const local = [share({ name: 'desk', host: 'desk', lanes: 2, ok: 5, laneIds: [0, 1] })];
  assert.equal(namesMachines(local), false);
  assert.equal(namesMachines(undefined), false);
  assert.deepEqual(laneGroups(local, 2), [{ label: null, lanes: [0, 1], ok: 5, failed: 0 }]);
  const partial = laneGroups([share({ name: 'A', laneIds: [1] })], 3);
  assert.deepEqual(
    partial.map((g) => [g.label, g.lanes]),
    [
      ['A (host-a)', [1]],
      [null, [0, 2]],
    ],
  );
});

test("the timeline draws each machine's lanes together and compare names them under its table", () => {
  const run = runRecord({ id: 9, workers: 3, ok: 5, failed: 1, total: 6, machines });
  const items = [0, 1, 2, 0, 1, 2].map((workerId, seq) =>
    item({ runId: 9, seq, workerId, startMs: seq * 100, endMs: seq * 100 + 90 }),
  );
  const timeline = runTimeline(run, items);
  assert.deepEqual(
    timeline.bars.map((b) => b.lane),
    [0, 2, 1, 0, 2, 1],
    "lane 2 (A's) is drawn on row 1, lane 1 (B's) on row 2",
  );
  assert.deepEqual(timeline.groups, [
    { label: 'A (host-a)', firstRow: 0, rows: 2, ok: 3, failed: 0 },
    { label: 'B (host-b)', firstRow: 2, rows: 1, ok: 2, failed: 1 },
  ]);
  const local = runRecord({ id: 10 });
  const text = comparisonTable(
    compareRuns([
      { run, items },
      { run: local, items: [item({ runId: 10, workerId: 0, startMs: 0, endMs: 50 })] },
    ]),
  );
  assert.match(
    text,
    /^run 9 by machine: A \(host-a\): 2 lanes, 3 ok; B \(host-b\): 1 lane, 2 ok, 1 failed$/m,
  );
  assert.doesNotMatch(text, /run 10 by machine/);
  assert.equal(runTimeline(local, []).groups, undefined);
});
