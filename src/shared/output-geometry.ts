/**
 * The size maths of the operations, in one place: the worker sizes its pipeline with it, the
 * planner names outputs ({w}, {h}) and the estimate counts output pixels with the same figures.
 * Pure: sizes in, sizes out. The order is operation-settings.ts's: crop → flip/flop → rotate →
 * resize (one of fit, fill, long edge, scale).
 */
import type { Box, Crop, FillPosition, OperationSettings } from './operation-settings.js';

/** A width and a height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** What the geometric settings are, by field (ProcessSettings has them all). */
export type GeometrySettings = Pick<
  OperationSettings,
  'fill' | 'position' | 'longEdge' | 'scale' | 'rotate' | 'crop'
> & { fit: Box | null };

/** The resize a pipeline does, once the crop and the rotation are done. */
export type ResizeStep =
  | { kind: 'none' }
  /** Resize to exactly this size (fit, long edge, scale: the aspect ratio is already kept). */
  | { kind: 'exact'; size: Size }
  /** Scale to cover the box, then crop it at `position` (fill). */
  | { kind: 'cover'; size: Size; position: FillPosition };

/** The whole geometry of one image. */
export interface GeometryPlan {
  /** The rectangle of the oriented input kept, or null for all of it. */
  crop: Crop | null;
  /** The size after the crop and the rotation: what the resize starts from. */
  beforeResize: Size;
  resize: ResizeStep;
  /** The output's size. */
  output: Size;
  /** How much the resize scales the picture (output px per input px), for the fast blur's sigma. */
  scale: number;
}

/** Size of the box-fitted image, never enlarged (like Pillow's thumbnail). */
export function fitInside(width: number, height: number, fit: Box | null): Size {
  if (!fit || (width <= fit.width && height <= fit.height)) return { width, height };
  const scale = Math.min(fit.width / width, fit.height / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** The part of `crop` inside an image of `size`, or null when it misses the image entirely. */
export function cropWithin(size: Size, crop: Crop): Crop | null {
  if (crop.left >= size.width || crop.top >= size.height) return null;
  return {
    left: crop.left,
    top: crop.top,
    width: Math.min(crop.width, size.width - crop.left),
    height: Math.min(crop.height, size.height - crop.top),
  };
}

function resizeStep(size: Size, s: GeometrySettings): ResizeStep {
  const exact = (to: Size): ResizeStep =>
    to.width === size.width && to.height === size.height
      ? { kind: 'none' }
      : { kind: 'exact', size: to };
  if (s.fill) return { kind: 'cover', size: { ...s.fill }, position: s.position ?? 'centre' };
  if (s.longEdge)
    return exact(fitInside(size.width, size.height, { width: s.longEdge, height: s.longEdge }));
  if (s.scale) {
    const f = s.scale / 100;
    return exact({
      width: Math.max(1, Math.round(size.width * f)),
      height: Math.max(1, Math.round(size.height * f)),
    });
  }
  return exact(fitInside(size.width, size.height, s.fit));
}

/**
 * The geometry for an oriented input of `oriented` size (EXIF orientation applied), or the
 * reason it cannot be done ("the crop 100x100+900+0 lies outside the 800×600 image").
 */
export function planGeometry(oriented: Size, s: GeometrySettings): GeometryPlan | string {
  let crop: Crop | null = null;
  let size = { ...oriented };
  if (s.crop) {
    crop = cropWithin(oriented, s.crop);
    if (!crop)
      return `the crop ${s.crop.width}x${s.crop.height}+${s.crop.left}+${s.crop.top} lies outside the ${oriented.width}×${oriented.height} image`;
    size = { width: crop.width, height: crop.height };
  }
  if (s.rotate === 90 || s.rotate === 270) size = { width: size.height, height: size.width };
  const resize = resizeStep(size, s);
  const output = resize.kind === 'none' ? size : resize.size;
  const scale =
    resize.kind === 'cover'
      ? Math.max(output.width / size.width, output.height / size.height)
      : output.width / Math.max(1, size.width);
  return { crop, beforeResize: size, resize, output, scale };
}

/**
 * The size a cover resize shrinks `before` to before it crops the `box` out of it: the box's
 * size on one side, at least the box's on the other (fill's fast pipeline blurs at this size,
 * before the crop, as the exact pipeline's blur sees beyond the crop's edges too).
 */
export function coverSize(before: Size, box: Size): Size {
  const scale = Math.max(box.width / before.width, box.height / before.height);
  return {
    width: Math.max(box.width, Math.round(before.width * scale)),
    height: Math.max(box.height, Math.round(before.height * scale)),
  };
}
