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
 * A crop turns shrink-on-load off (libvips cannot shrink part of a JPEG while decoding it).
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import type { PipelineOptions } from '../shared/worker-messages.js';
import { planGeometry } from '../shared/output-geometry.js';
import type { GeometryPlan, ResizeStep, Size } from '../shared/output-geometry.js';

/** libvips rejects sigma below ~0.3; at that size a blur is invisible anyway. */
const MIN_SIGMA = 0.3;

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

function resizeTo(image: Sharp, step: ResizeStep, turned: boolean): Sharp {
  if (step.kind === 'none') return image;
  // Lanczos3, like Pillow's thumbnail with its default filter for photos.
  if (step.kind === 'exact') {
    const { width, height } = step.size;
    return turned
      ? image.resize(height, width, { fit: 'fill', kernel: 'lanczos3' })
      : image.resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
  }
  return image.resize(step.size.width, step.size.height, {
    fit: 'cover',
    position: POSITIONS[step.position],
    kernel: 'lanczos3',
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

function afterResize(
  image: Sharp,
  plan: GeometryPlan,
  options: PipelineOptions,
  blur: number | null,
): Sharp {
  let out = image;
  if (blur !== null && blur >= MIN_SIGMA) out = out.blur(blur);
  if (options.sharpen) out = out.sharpen({ sigma: options.sharpen });
  return out;
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

  if (!exactBlur && !coverTurned) {
    let image = open();
    if (plan.crop) image = image.extract(plan.crop);
    const turned = options.rotate === 90 || options.rotate === 270;
    image = flipsAndTurn(resizeTo(image, plan.resize, turned), options);
    return {
      image: afterResize(image, plan, options, scaledBlur),
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
  const raw = await materialise(first);
  const image = afterResize(
    resizeTo(raw, plan.resize, false),
    plan,
    options,
    exactBlur ? null : scaledBlur,
  );
  return { image, plan, fullSizeMs: performance.now() - started, twoPasses: true };
}

/** The full-size pass's result as raw pixels, for the second pass to read. */
async function toRawPixels(pass: Sharp): Promise<Sharp> {
  const { data, info } = await pass.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}
