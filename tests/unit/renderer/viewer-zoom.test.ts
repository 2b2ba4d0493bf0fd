import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clampView,
  dividerAfterKey,
  dividerAt,
  fitView,
  MAX_SCALE,
  panBy,
  zoomBy,
  zoomPercent,
  zoomTo,
} from '../../../src/renderer/src/features/results/viewer-zoom.js';

const viewport = { width: 800, height: 600 };
const photo = { width: 4000, height: 2000 };

test('fit shows the whole photo, centred', () => {
  const v = fitView(viewport, photo);
  assert.equal(v.scale, 0.2);
  assert.equal(v.x, 0);
  assert.equal(v.y, (600 - 400) / 2);
  assert.equal(zoomPercent(v), '20%');
});

test('zooming keeps the point under the pointer in place, from fit to 1:1 and beyond', () => {
  const fit = fitView(viewport, photo);
  const at = { x: 200, y: 300 };
  const imagePoint = { x: (at.x - fit.x) / fit.scale, y: (at.y - fit.y) / fit.scale };
  const one = zoomTo(fit, 1, at, viewport, photo);
  assert.equal(one.scale, 1);
  assert.ok(Math.abs(one.x + imagePoint.x * 1 - at.x) < 1e-9);
  assert.ok(Math.abs(one.y + imagePoint.y * 1 - at.y) < 1e-9);
  const beyond = zoomBy(one, 4, at, viewport, photo);
  assert.equal(beyond.scale, 4);
  assert.equal(zoomTo(one, 1000, at, viewport, photo).scale, MAX_SCALE);
  assert.equal(zoomTo(one, 0.001, at, viewport, photo).scale, 0.2, 'never smaller than fit');
});

test('panning stops at the photo’s edges; a small side stays centred', () => {
  const one = zoomTo(fitView(viewport, photo), 1, { x: 0, y: 0 }, viewport, photo);
  assert.deepEqual([one.x, one.y], [0, 0]);
  const right = panBy(one, -1e6, -1e6, viewport, photo);
  assert.deepEqual([right.x, right.y], [800 - 4000, 600 - 2000]);
  const back = panBy(right, 1e6, 0, viewport, photo);
  assert.equal(back.x, 0);
  const small = { width: 100, height: 50 };
  const v = clampView({ scale: 1, x: -500, y: 999 }, viewport, small);
  assert.deepEqual(v, { scale: 1, x: 350, y: 275 }, 'a small image is never shrunk and is centred');
});

test('the divider follows the pointer and the keys, within the viewport', () => {
  assert.equal(dividerAt(500, 100, 800), 0.5);
  assert.equal(dividerAt(-50, 100, 800), 0);
  assert.equal(dividerAt(5000, 100, 800), 1);
  assert.ok(Math.abs(dividerAfterKey(0.5, 'ArrowRight')! - 0.55) < 1e-9);
  assert.ok(Math.abs(dividerAfterKey(0.5, 'ArrowLeft', true)! - 0.4) < 1e-9);
  assert.equal(dividerAfterKey(0.98, 'ArrowRight'), 1);
  assert.equal(dividerAfterKey(0.3, 'Home'), 0);
  assert.equal(dividerAfterKey(0.3, 'End'), 1);
  assert.equal(dividerAfterKey(0.3, 'a'), null);
});
