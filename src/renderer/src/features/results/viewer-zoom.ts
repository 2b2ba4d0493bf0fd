/**
 * The before/after viewer's geometry, as pure maths: one view (scale and offset) shared by both
 * sides so they pan and zoom together, from "fit" to 1:1 and beyond, and the divider between
 * them. Sizes are CSS pixels; `scale` 1 is one image pixel per CSS pixel (1:1).
 */

/** Width and height. */
export interface Size {
  width: number;
  height: number;
}

/** Where the image sits in the viewport: its top-left corner and its scale. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

/** The largest zoom: 16 CSS pixels per image pixel. */
export const MAX_SCALE = 16;
/** One step of the zoom buttons, keys and the wheel's notch. */
export const ZOOM_STEP = 1.25;

/** The scale that shows the whole image in the viewport (above 1 for an image smaller than it). */
export function fitScale(viewport: Size, image: Size): number {
  if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0)
    return 1;
  return Math.min(viewport.width / image.width, viewport.height / image.height);
}

/** The smallest scale allowed: fit, or 1:1 when that is smaller (a tiny image is not shrunk). */
export function minScale(viewport: Size, image: Size): number {
  return Math.min(fitScale(viewport, image), 1);
}

function clampNumber(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/**
 * Keeps the image over the viewport: a side smaller than the viewport is centred, a larger one
 * cannot be dragged so far that a gap opens at its edge.
 */
export function clampView(view: View, viewport: Size, image: Size): View {
  const scale = clampNumber(view.scale, minScale(viewport, image), MAX_SCALE);
  const w = image.width * scale;
  const h = image.height * scale;
  const x =
    w <= viewport.width ? (viewport.width - w) / 2 : clampNumber(view.x, viewport.width - w, 0);
  const y =
    h <= viewport.height ? (viewport.height - h) / 2 : clampNumber(view.y, viewport.height - h, 0);
  return { scale, x, y };
}

/** The whole image, centred. */
export function fitView(viewport: Size, image: Size): View {
  return clampView({ scale: fitScale(viewport, image), x: 0, y: 0 }, viewport, image);
}

/** The viewport's centre. */
export function centreOf(viewport: Size): { x: number; y: number } {
  return { x: viewport.width / 2, y: viewport.height / 2 };
}

/**
 * Zooms to `scale` keeping the image point under `at` (viewport coordinates) where it is, as a
 * map does under the mouse.
 */
export function zoomTo(
  view: View,
  scale: number,
  at: { x: number; y: number },
  viewport: Size,
  image: Size,
): View {
  const next = clampNumber(scale, minScale(viewport, image), MAX_SCALE);
  const ratio = next / view.scale;
  return clampView(
    { scale: next, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio },
    viewport,
    image,
  );
}

/** Zooms by `factor` (>1 in, <1 out) around `at`. */
export function zoomBy(
  view: View,
  factor: number,
  at: { x: number; y: number },
  viewport: Size,
  image: Size,
): View {
  return zoomTo(view, view.scale * factor, at, viewport, image);
}

/** Moves the image by (dx, dy) CSS pixels, within `clampView`'s bounds. */
export function panBy(view: View, dx: number, dy: number, viewport: Size, image: Size): View {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, viewport, image);
}

/** The zoom as people read it: "100%" at 1:1, "38%" at fit of a big photo. */
export function zoomPercent(view: View): string {
  return `${Math.round(view.scale * 100)}%`;
}

/** The divider's place, a fraction of the viewport's width from its left edge (0 … 1). */
export function clampDivider(fraction: number): number {
  return Number.isFinite(fraction) ? clampNumber(fraction, 0, 1) : 0.5;
}

/** The divider under a pointer at `clientX` over a viewport starting at `left`, `width` wide. */
export function dividerAt(clientX: number, left: number, width: number): number {
  return width > 0 ? clampDivider((clientX - left) / width) : 0.5;
}

/** The divider after a key: arrows move it 5% (10% when `big`, with Shift), Home/End to an edge; null for other keys. */
export function dividerAfterKey(fraction: number, key: string, big = false): number | null {
  const step = big ? 0.1 : 0.05;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampDivider(fraction - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clampDivider(fraction + step);
    case 'Home':
      return 0;
    case 'End':
      return 1;
    default:
      return null;
  }
}
