// A plain sharp script: the baseline photobatch's engine (IPC, validation, SQLite) is measured
// against. It does the same pixel work as photobatch's exact pipeline, written the way a person
// would who knows that sharp applies blur *after* resize inside one pipeline: decode to raw
// (EXIF orientation applied), blur the raw pixels at full size, then fit (lanczos3, never
// enlarging) and encode JPEG q80 (photobatch's default quality) in a second pipeline.
//
// usage: node plain-sharp.mjs --out DIR [--blur SIGMA] [--fit WxH] [--processes=N] [--in-flight=K]
//                             (--list FILE | PHOTO...)
// libvips runs 1 thread per process with its operation cache off, as in photobatch's workers
// (--threads 1, the default).
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { parseFit, splitWork } from './split-work.mjs';

await splitWork(
  fileURLToPath(import.meta.url),
  {},
  () => {
    sharp.concurrency(1);
    sharp.cache(false);
  },
  async (file, values) => {
    const [fitW, fitH] = parseFit(values.fit);
    const { data, info } = await sharp(file)
      .autoOrient()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    const pixels =
      values.blur === undefined
        ? data
        : await sharp(data, { raw }).blur(Number(values.blur)).raw().toBuffer();
    let image = sharp(pixels, { raw });
    if (fitW !== null)
      image = image.resize(fitW, fitH, {
        fit: 'inside',
        withoutEnlargement: true,
        kernel: 'lanczos3',
      });
    await image.jpeg({ quality: 80 }).toFile(join(values.out, basename(file)));
  },
);
