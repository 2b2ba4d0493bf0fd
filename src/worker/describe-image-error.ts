/**
 * Turns what sharp/libvips and the file system throw into words a user understands.
 * The engine prefixes the file name.
 */
import type { SerializedError } from '../shared/worker-messages.js';

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /exceeds pixel limit/i,
    () =>
      'the image has more pixels than allowed (a possible decompression bomb); raise --max-pixels if it is genuine',
  ],
  [
    /unsupported image format|Input file contains unsupported/i,
    () => 'not an image this program can read',
  ],
  [
    /premature end|truncated|unexpected end|Read error|VipsJpeg: .*(corrupt|damaged)|not enough data/i,
    () => 'the image file is truncated or damaged',
  ],
  [/bad seek|invalid|corrupt/i, () => 'the image file is damaged'],
  [/ENOENT/, () => 'the file disappeared before it could be read'],
  [/EISDIR/, () => 'it became a folder after the scan, so there is no image to read'],
  [/EACCES|EPERM/, () => 'permission denied'],
  [/ENOSPC/, () => 'the disk is full'],
  [/EROFS/, () => 'the output folder is on a read-only disk'],
];

/** Errors whose message is already the user's words (the WebAssembly decoders' own). */
const WORDED = new Set(['HeifDecodeError', 'JxlDecodeError']);

/** The error as it crosses to the parent, with `message` rewritten in plain words. */
export function describeImageError(error: unknown): SerializedError {
  const raw = error instanceof Error ? error : new Error(String(error));
  if (WORDED.has(raw.name)) return { name: raw.name, message: raw.message };
  const code = (raw as NodeJS.ErrnoException).code;
  const text = `${code ?? ''} ${raw.message}`;
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(text);
    if (m)
      return {
        name: raw.name,
        message: `${say(m)} (${raw.message.split('\n')[0]})`,
        ...(code ? { code } : {}),
      };
  }
  return {
    name: raw.name,
    message: raw.message.split('\n')[0] ?? 'unknown error',
    ...(code ? { code } : {}),
    ...(raw.stack ? { stack: raw.stack } : {}),
  };
}
