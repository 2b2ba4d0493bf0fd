// A plain sharp script: the yardstick photobatch's engine (IPC, validation, SQLite) is measured
// against. It does the same pixel work as the photobatch pipeline of the same name, written the
// way a person who knows sharp would write it:
//
// --pipeline exact (the default; photobatch --pipeline exact): sharp applies blur *after* resize
//   inside one pipeline, so two: decode (EXIF orientation applied) and blur at full size to raw
//   pixels, then fit (lanczos3, never enlarging) and encode JPEG q80 (photobatch's default
//   quality).
// --pipeline fast (photobatch's default pipeline): fit first, then blur with sigma scaled by the
//   shrink, which is exactly sharp's own order, so one pipeline: read the header for the size,
//   then autoOrient → resize inside (lanczos3, shrink-on-load for JPEG) → blur(sigma × shrink) →
//   JPEG q80. As photobatch does, a scaled sigma below 0.3 (libvips' minimum) means no blur.
//
// usage: node plain-sharp.mjs --out DIR [--blur SIGMA] [--fit WxH] [--pipeline exact|fast]
//                             [--processes=N] [--in-flight=K] (--list FILE | PHOTO...)
// libvips runs 1 thread per process with its operation cache off, as in photobatch's workers
// (--threads 1, the default).
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { parseFit, splitWork } from './split-work.mjs';

const FIT = { fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' };

async function exact(file, out, blur, fitW, fitH) {
  let decoded = sharp(file).autoOrient();
  if (blur !== null) decoded = decoded.blur(blur);
  const { data, info } = await decoded.raw().toBuffer({ resolveWithObject: true });
  let image = sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels },
  });
  if (fitW !== null) image = image.resize(fitW, fitH, FIT);
  await image.jpeg({ quality: 80 }).toFile(out);
}

async function fast(file, out, blur, fitW, fitH) {
  let image = sharp(file).autoOrient();
  let sigma = blur;
  if (fitW !== null) {
    image = image.resize(fitW, fitH, FIT);
    if (blur !== null) {
      // The shrink is only known from the size: one header read (orientation 5–8 swaps the axes).
      const meta = await sharp(file).metadata();
      const [w, h] =
        (meta.orientation ?? 1) >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
      sigma = blur * Math.min(1, fitW / w, fitH / h);
    }
  }
  if (sigma !== null && sigma >= 0.3) image = image.blur(sigma);
  await image.jpeg({ quality: 80 }).toFile(out);
}

await splitWork(
  fileURLToPath(import.meta.url),
  { pipeline: { type: 'string', default: 'exact' } },
  (values) => {
    if (values.pipeline !== 'exact' && values.pipeline !== 'fast') {
      throw new Error(`--pipeline ${values.pipeline}: choose exact or fast`);
    }
    sharp.concurrency(1);
    sharp.cache(false);
  },
  async (file, values) => {
    const [fitW, fitH] = parseFit(values.fit);
    const blur = values.blur === undefined ? null : Number(values.blur);
    const run = values.pipeline === 'fast' ? fast : exact;
    await run(file, join(values.out, basename(file)), blur, fitW, fitH);
  },
);
