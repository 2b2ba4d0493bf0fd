/**
 * The operations between decode and encode, as sharp pipelines, in the one documented order
 * (src/shared/operation-settings.ts): orient → crop → flip/flop → rotate → blur → resize →
 * sharpen. The sizes come from src/shared/output-geometry.ts, the same maths the planner uses.
 *
 * sharp orders the steps of one pipeline itself, so the calls are placed to get ours:
 * - the crop is an `extract` before `resize` (sharp's pre-resize extract, in oriented pixels);
 * - flip/flop/rotate are called after `resize`, with the resize's size given before the
 *   rotation: sharp then turns the already-resized image, and shrink-on-load still works;
 * - fill (`cover`) crops after sharp's post-resize rotation, so fill with a rotation, like the
 *   exact pipeline's full-size blur, takes two passes: edits (and exact's blur) at full size to
 *   raw pixels, then the resize, fast's scaled blur and the sharpen.
 * - fill with the fast pipeline's blur shrinks to the size that covers the box, blurs there, and
 *   crops in a second pass: a blur after the crop would mirror at the crop's edges where the
 *   exact pipeline's blur sees the picture beyond them, and attention or entropy would judge
 *   other pixels than the exact pipeline's and may crop elsewhere (measured: 24.5 dB against
 *   exact on one photo of ten; `npm run bench -- --only fidelity`).
 * A crop turns shrink-on-load off (libvips cannot shrink part of a JPEG while decoding it).
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { PipelineOptions } from '../shared/worker-messages.js';
import { coverSize, planGeometry } from '../shared/output-geometry.js';
import type { GeometryPlan, ResizeStep, Size } from '../shared/output-geometry.js';

/** libvips rejects sigma below ~0.3; at that size a blur is invisible anyway. */
const MIN_SIGMA = 0.3;
/**
 * A fast blur under this sigma (after the shrink) is too small for integer precision and too
 * small to hide what a fast JPEG/WebP shrink-on-load aliases: it runs in floating point after a
 * gentler shrink (fastBlur, resizeTo's `beforeBlur`). From it on, both cost time for less than
 * 2 dB (fit 1000 with blur 15, sigma 2.5: 42.9 → 44.4 dB for 10 % more wall;
 * `npm run bench -- --only fidelity`).
 */
const SMALL_SIGMA = 2;

const POSITIONS = {
  centre: 'centre',
  attention: sharp.strategy.attention,
  entropy: sharp.strategy.entropy,
} as const;

/** The image with its operations, ready to encode, and the time the full-size pass took. */
export interface OperatedImage {
  image: Sharp;
  plan: GeometryPlan;
  /** ms of a full-size pass to raw pixels (0 when the whole work is one streamed pipeline). */
  fullSizeMs: number;
  /** True when the pass that writes reads the first pass's pixels, not the input file. */
  twoPasses: boolean;
}

/** A crop, flip, flop or rotation is asked for. */
function hasEdits(plan: GeometryPlan, options: PipelineOptions): boolean {
  return plan.crop !== null || Boolean(options.flip || options.flop || options.rotate);
}

/**
 * The resize to the output. `beforeBlur`: a small fast blur follows, so libvips' JPEG and WebP
 * shrink-on-load is kept to where its box filter cannot alias (`fastShrinkOnLoad: false`): that
 * blur would not remove what aliased (fill 400x400, blur 15, 24 MP: 39.1 → 41.6 dB min).
 */
function resizeTo(image: Sharp, step: ResizeStep, turned: boolean, beforeBlur = false): Sharp {
  if (step.kind === 'none') return image;
  const gentle = { kernel: 'lanczos3', fastShrinkOnLoad: !beforeBlur } as const;
  // Lanczos3, like Pillow's thumbnail with its default filter for photos.
  if (step.kind === 'exact') {
    const { width, height } = step.size;
    return turned
      ? image.resize(height, width, { fit: 'fill', ...gentle })
      : image.resize(width, height, { fit: 'fill', ...gentle });
  }
  return image.resize(step.size.width, step.size.height, {
    fit: 'cover',
    position: POSITIONS[step.position],
    ...gentle,
  });
}

function flipsAndTurn(image: Sharp, options: PipelineOptions): Sharp {
  let out = image;
  // sharp always mirrors before it rotates, whatever the call order: the documented order.
  if (options.flip) out = out.flip();
  if (options.flop) out = out.flop();
  if (options.rotate) out = out.rotate(options.rotate);
  return out;
}

function afterResize(image: Sharp, options: PipelineOptions, blur: number | null): Sharp {
  let out = fastBlur(image, blur);
  if (options.sharpen) out = out.sharpen({ sigma: options.sharpen });
  return out;
}

/**
 * The fast pipeline's blur, after the shrink, with its sigma scaled: under SMALL_SIGMA in
 * floating point, since a sigma of a pixel or two in integer precision (sharp's default) is a
 * coarse kernel (fill 400x400 with blur 15 on 24 MP photos: 38 dB against exact, 42 in float).
 */
function fastBlur(image: Sharp, sigma: number | null): Sharp {
  if (sigma === null || sigma < MIN_SIGMA) return image;
  return sigma < SMALL_SIGMA ? image.blur({ sigma, precision: 'float' }) : image.blur(sigma);
}

/**
 * Builds the pipeline for one image. `open` makes a fresh sharp instance of the input with its
 * EXIF orientation applied; `oriented` is the input's size once oriented. Throws (with words
 * for the user) when the crop misses the image.
 */
export async function applyOperations(
  open: () => Sharp,
  oriented: Size,
  options: PipelineOptions,
  materialise: (pass: Sharp) => Promise<Sharp> = toRawPixels,
): Promise<OperatedImage> {
  const plan = planGeometry(oriented, options);
  if (typeof plan === 'string') throw new Error(plan);
  const exactBlur = options.pipeline === 'exact' && options.blur !== null;
  const coverTurned = plan.resize.kind === 'cover' && Boolean(options.rotate);
  // The fast order: the blur after the resize, its sigma scaled by how much the resize shrank.
  const scaledBlur = options.blur === null ? null : options.blur * plan.scale;
  const cover = plan.resize.kind === 'cover' ? plan.resize : null;
  const blurBeforeCrop =
    cover !== null && !exactBlur && scaledBlur !== null && scaledBlur >= MIN_SIGMA;

  if (!exactBlur && !coverTurned) {
    let image = open();
    if (plan.crop) image = image.extract(plan.crop);
    if (blurBeforeCrop) {
      // Shrunk to cover the box and blurred there, then cropped in a second pass.
      const started = performance.now();
      const covering = fastBlur(
        flipsAndTurn(shrinkToCover(image, plan, cover, scaledBlur), options),
        scaledBlur,
      );
      const raw = await materialise(covering);
      return {
        image: afterResize(resizeTo(raw, cover, false), options, null),
        plan,
        fullSizeMs: performance.now() - started,
        twoPasses: true,
      };
    }
    const turned = options.rotate === 90 || options.rotate === 270;
    const gentle = scaledBlur !== null && scaledBlur >= MIN_SIGMA && scaledBlur < SMALL_SIGMA;
    image = flipsAndTurn(resizeTo(image, plan.resize, turned, gentle), options);
    return {
      image: afterResize(image, options, scaledBlur),
      plan,
      fullSizeMs: 0,
      twoPasses: false,
    };
  }

  // Two passes: the full-size part to raw pixels, then resize and what follows it.
  const started = performance.now();
  let first = open();
  if (plan.crop) first = first.extract(plan.crop);
  if (hasEdits(plan, options)) first = flipsAndTurn(first, options);
  if (exactBlur) first = first.blur(options.blur!);
  let raw = await materialise(first);
  if (blurBeforeCrop)
    raw = await toRawPixels(fastBlur(shrinkToCover(raw, plan, cover, scaledBlur), scaledBlur));
  const image = afterResize(
    resizeTo(raw, plan.resize, false),
    options,
    exactBlur || blurBeforeCrop ? null : scaledBlur,
  );
  return { image, plan, fullSizeMs: performance.now() - started, twoPasses: true };
}

/** Resizes to the size that covers fill's box, uncropped; a blur of `sigma` follows. */
function shrinkToCover(
  image: Sharp,
  plan: GeometryPlan,
  cover: { size: Size },
  sigma: number,
): Sharp {
  const { width, height } = coverSize(plan.beforeResize, cover.size);
  const gentle = sigma < SMALL_SIGMA;
  return resizeTo(image, { kind: 'exact', size: { width, height } }, false, gentle);
}

/** The full-size pass's result as raw pixels, for the second pass to read. */
async function toRawPixels(pass: Sharp): Promise<Sharp> {
  const { data, info } = await pass.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}
