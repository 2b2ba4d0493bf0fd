/**
 * Whether an image's bytes are whole: its header can be read (a size that is not zero) and its
 * structure runs to its end marker (JPEG EOI, PNG IEND, GIF trailer) or declared length (WebP's
 * RIFF size, the boxes of AVIF/HEIF). A body cut short, with or without a Content-Length, is
 * caught here instead of failing later in a worker. Pure and incremental: the fetcher feeds it
 * the body as it arrives, so a 100 MB file is never read twice nor held in memory. Bytes after
 * the end (padding, a phone's appended video) are allowed, as decoders allow them.
 */
import { sniffBytes } from './sniff-image.js';

/** Feeds the bytes of one file and says whether they make a whole image. */
export interface ImageEndCheck {
  push(chunk: Uint8Array): void;
  /** Null when whole; otherwise what is wrong. */
  finish(): ImageEndProblem | null;
}

/** What is wrong with an image's bytes. */
export interface ImageEndProblem {
  /** In words to follow "the image …". */
  words: string;
  /** The bytes stop before the end: a transfer cut short (worth another try), not a bad file. */
  cutShort: boolean;
}

/** Bytes looked at before choosing how to walk the file. */
const SNIFF_AT = 64;

/** A check that picks its walker from the first bytes (see sniffBytes). */
export function createImageEndCheck(): ImageEndCheck {
  const first: Buffer[] = [];
  let firstLength = 0;
  let walker: Walker | null = null;
  const choose = (): Walker => {
    const head = Buffer.concat(first);
    const sniffed = sniffBytes(head);
    walker = walkerFor(sniffed.kind === 'image' ? sniffed.format : null);
    walker.push(head);
    first.length = 0;
    return walker;
  };
  return {
    push(chunk) {
      if (walker) return walker.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      first.push(Buffer.from(chunk));
      firstLength += chunk.byteLength;
      if (firstLength >= SNIFF_AT) choose();
    },
    finish() {
      const words = (walker ?? choose()).finish();
      return words === null ? null : { words, cutShort: words.startsWith('ends early') };
    },
  };
}

interface Walker {
  push(chunk: Buffer): void;
  finish(): string | null;
}

function walkerFor(format: string | null): Walker {
  switch (format) {
    case 'jpeg':
      return new JpegWalker();
    case 'png':
      return new PngWalker();
    case 'gif':
      return new GifWalker();
    case 'webp':
      return new RiffWalker();
    case 'avif':
    case 'heif':
      return new BoxWalker();
    default:
      // TIFF keeps its directories anywhere in the file; the worker's decode is the check.
      return { push: () => undefined, finish: () => null };
  }
}

/**
 * Walks bytes as they come: `step` reads from `buf` at `at` and returns the new position, or -1
 * when it needs more bytes than are buffered. Skips of large segments are counted, not copied.
 */
abstract class StepWalker implements Walker {
  protected buf: Buffer = Buffer.alloc(0);
  protected skip = 0;
  protected done = false;
  protected total = 0;

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.done) return;
    let data = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
    }
    let at = 0;
    while (!this.done && this.skip === 0 && at < data.length) {
      const next = this.step(data, at);
      if (next < 0) break;
      at = next;
      if (this.skip > 0) {
        const n = Math.min(this.skip, data.length - at);
        this.skip -= n;
        at += n;
      }
    }
    // Only a few header bytes are ever kept between chunks.
    this.buf = Buffer.from(data.subarray(at));
  }

  abstract step(data: Buffer, at: number): number;
  abstract finish(): string | null;
}

/** JPEG: markers and segments from SOI, a frame header with a size, scans, then EOI. */
class JpegWalker extends StepWalker {
  private atStart = true;
  private whole = false;
  private broken = false;
  private inScan = false;
  private sawFrame = false;
  private badFrame = false;

  step(data: Buffer, at: number): number {
    if (this.inScan) {
      // Entropy-coded data: FF 00 is a data byte, FF D0–D7 restart markers; any other marker ends it.
      const ff = data.indexOf(0xff, at);
      if (ff < 0) return data.length;
      if (ff + 1 >= data.length) return ff === at ? -1 : ff;
      const code = data[ff + 1]!;
      if (code === 0x00 || (code >= 0xd0 && code <= 0xd7) || code === 0xff) return ff + 1;
      this.inScan = false;
      return ff;
    }
    if (this.atStart) {
      if (data.length - at < 2) return -1;
      if (data[at] !== 0xff || data[at + 1] !== 0xd8) return this.fail();
      this.atStart = false;
      return at + 2;
    }
    if (data.length - at < 2) return -1;
    if (data[at] !== 0xff) return this.fail();
    const code = data[at + 1]!;
    if (code === 0xff) return at + 1; // fill byte
    if (code === 0xd9) {
      this.done = true;
      this.whole = true;
      return at + 2;
    }
    if ((code >= 0xd0 && code <= 0xd7) || code === 0x01) return at + 2;
    if (data.length - at < 4) return -1;
    const length = data.readUInt16BE(at + 2);
    if (length < 2) return this.fail();
    const isFrame = code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;
    if (isFrame) {
      if (data.length - at < 9) return -1;
      const height = data.readUInt16BE(at + 5);
      const width = data.readUInt16BE(at + 7);
      this.sawFrame = true;
      // Height 0 is allowed by the standard (DNL marker) but nothing we process uses it.
      if (width === 0 || height === 0) this.badFrame = true;
    }
    if (code === 0xda) this.inScan = true;
    this.skip = length - 2;
    return at + 4;
  }

  private fail(): number {
    this.broken = true;
    this.done = true;
    return -1;
  }

  finish(): string | null {
    if (this.broken) return 'has a damaged header';
    if (this.badFrame) return 'says its size is zero';
    if (!this.whole) return 'ends early (no end marker): the file was cut short';
    return this.sawFrame ? null : 'has no picture in it (no frame header)';
  }
}

/** PNG: the signature, IHDR first with a size, chunks by their lengths, then IEND. */
class PngWalker extends StepWalker {
  private chunks = 0;
  private whole = false;
  private problem: string | null = null;

  step(data: Buffer, at: number): number {
    if (this.chunks === 0) {
      // The signature (checked by the sniffer), then IHDR's header, width and height.
      if (data.length - at < 8 + 8 + 8) return -1;
      const type = data.toString('latin1', at + 12, at + 16);
      if (type !== 'IHDR') return this.stop('has a damaged header (no IHDR first)');
      if (data.readUInt32BE(at + 16) === 0 || data.readUInt32BE(at + 20) === 0)
        return this.stop('says its size is zero');
      at += 8;
    }
    if (data.length - at < 8) return -1;
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    this.chunks += 1;
    if (type === 'IEND') {
      // Its CRC too: those are the file's last bytes.
      if (data.length - at < 12) return -1;
      this.whole = true;
      this.done = true;
      return at + 12;
    }
    this.skip = length + 4; // data and CRC
    return at + 8;
  }

  private stop(problem: string): number {
    this.problem = problem;
    this.done = true;
    return -1;
  }

  finish(): string | null {
    if (this.problem) return this.problem;
    return this.whole ? null : 'ends early (no IEND chunk): the file was cut short';
  }
}

/** GIF: the logical screen's size, then blocks up to the trailer (0x3B). */
class GifWalker extends StepWalker {
  private state: 'header' | 'block' | 'subblocks' | 'image' = 'header';
  private whole = false;
  private problem: string | null = null;

  step(data: Buffer, at: number): number {
    const left = data.length - at;
    switch (this.state) {
      case 'header': {
        if (left < 13) return -1;
        if (data.readUInt16LE(at + 6) === 0 || data.readUInt16LE(at + 8) === 0) {
          this.problem = 'says its size is zero';
          this.done = true;
          return -1;
        }
        const flags = data[at + 10]!;
        this.skip = flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0;
        this.state = 'block';
        return at + 13;
      }
      case 'block': {
        if (left < 1) return -1;
        const kind = data[at]!;
        if (kind === 0x3b) {
          this.whole = true;
          this.done = true;
          return at + 1;
        }
        if (kind === 0x21) {
          if (left < 2) return -1;
          this.state = 'subblocks';
          return at + 2;
        }
        if (kind === 0x2c) {
          if (left < 10) return -1;
          const flags = data[at + 9]!;
          this.skip = flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0;
          this.state = 'image';
          return at + 10;
        }
        this.problem = 'is damaged (an unknown block)';
        this.done = true;
        return -1;
      }
      case 'image':
        // The LZW minimum code size, then the data sub-blocks.
        if (left < 1) return -1;
        this.state = 'subblocks';
        return at + 1;
      case 'subblocks': {
        if (left < 1) return -1;
        const size = data[at]!;
        if (size === 0) this.state = 'block';
        else this.skip = size;
        return at + 1;
      }
    }
  }

  finish(): string | null {
    if (this.problem) return this.problem;
    return this.whole ? null : 'ends early (no GIF trailer): the file was cut short';
  }
}

/** WebP: the RIFF header says how long the file is. */
class RiffWalker extends StepWalker {
  private expected: number | null = null;

  step(data: Buffer, at: number): number {
    if (data.length - at < 8) return -1;
    this.expected = data.readUInt32LE(at + 4) + 8;
    this.done = true;
    return at + 8;
  }

  finish(): string | null {
    if (this.expected === null) return 'has a damaged header';
    return this.total >= this.expected
      ? null
      : 'ends early (shorter than its header says): the file was cut short';
  }
}

/** AVIF/HEIF: top-level boxes, each as long as it says; the last must end with the file. */
class BoxWalker extends StepWalker {
  private boxes: string[] = [];
  private toEnd = false;

  step(data: Buffer, at: number): number {
    if (data.length - at < 8) return -1;
    let size = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    this.boxes.push(type);
    let header = 8;
    if (size === 1) {
      if (data.length - at < 16) return -1;
      size = Number(data.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      this.toEnd = true;
      this.done = true;
      return at + 8;
    }
    if (size < header) {
      this.boxes.push('!');
      this.done = true;
      return -1;
    }
    this.skip = size - header;
    return at + header;
  }

  finish(): string | null {
    if (this.boxes.includes('!')) return 'has a damaged header';
    if (this.toEnd) return null;
    if (this.skip > 0 || this.buf.length > 0)
      return 'ends early (a box runs past the end): the file was cut short';
    return this.boxes.includes('mdat') || this.boxes.includes('idat')
      ? null
      : 'has no picture data in it';
  }
}
