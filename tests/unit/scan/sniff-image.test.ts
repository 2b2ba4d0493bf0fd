// Content decides what a file is: real encoder output for the formats sharp writes, hand-made
// headers (as the format specs define them) for the ones it cannot.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import {
  makeTempDir,
  removeTempDir,
  writeAnimatedGif,
  writeBytes,
  writeCmykJpeg,
  writeEmptyFile,
  writeHtml,
  writeImageAs,
  writeJpeg,
  writeText,
} from '../../helpers/make-images.js';
import { READABLE_FORMATS, sniffBytes } from '../../../src/media/sniff-image.js';
import { sniffFile } from '../../../src/engine/sniff-file.js';

let dir = '';
before(async () => {
  dir = await makeTempDir();
});
after(async () => removeTempDir(dir));

/** An ISO-BMFF `ftyp` box: size, 'ftyp', major brand, minor version, compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size + 8);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  box.write('meta', size + 4, 'latin1');
  return box;
}

test('recognises every format sharp writes from real files, whatever the name', async () => {
  const cases = [
    [await writeJpeg(join(dir, 'photo.png')), 'jpeg', 'a JPEG image'],
    [await writeCmykJpeg(join(dir, 'cmyk')), 'jpeg', 'a JPEG image'],
    [await writeImageAs(join(dir, 'p.jpg'), 'png'), 'png', 'a PNG image'],
    [await writeAnimatedGif(join(dir, 'a.bin')), 'gif', 'a GIF image'],
    [await writeImageAs(join(dir, 'w.dat'), 'webp'), 'webp', 'a WebP image'],
    [await writeImageAs(join(dir, 'x.heic'), 'avif'), 'avif', 'an AVIF image'],
    [await writeImageAs(join(dir, 't.jpg'), 'tiff'), 'tiff', 'a TIFF image'],
  ] as const;
  for (const [file, format, what] of cases) {
    assert.deepEqual(await sniffFile(file), { format, kind: 'image', what }, file);
  }
});

test('names pictures it cannot read, so the message can say so', () => {
  const bmp = Buffer.alloc(54);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(40, 14);
  const cases: [Buffer, string | null, string][] = [
    [Buffer.from('0000000c6a5020200d0a870a', 'hex'), 'jp2', 'a JPEG 2000 image'],
    [Buffer.from('ff4fff51000000', 'hex'), 'jp2', 'a JPEG 2000 image'],
    [bmp, null, 'a BMP image'],
    [Buffer.from('8BPS\x00\x01', 'latin1'), null, 'a Photoshop document'],
  ];
  for (const [bytes, format, what] of cases) {
    assert.deepEqual(sniffBytes(bytes), { format, kind: 'unreadable-image', what });
  }
});

test('JPEG XL, bare codestream or in its container, is an image the worker decodes (libjxl in WebAssembly)', () => {
  for (const bytes of [
    Buffer.from('ff0afa31', 'hex'),
    Buffer.from('0000000c4a584c200d0a870a00000014667479706a786c20', 'hex'),
  ]) {
    assert.deepEqual(sniffBytes(bytes), { format: 'jxl', kind: 'image', what: 'a JPEG XL image' });
  }
});

test('HEIC/HEIF by its brands is an image the worker decodes (libheif in WebAssembly)', () => {
  for (const bytes of [ftyp('heic', 'mif1', 'heic'), ftyp('mif1', 'heic'), ftyp('heix', 'mif1')]) {
    assert.deepEqual(sniffBytes(bytes), {
      format: 'heif',
      kind: 'image',
      what: 'a HEIC/HEIF image',
    });
  }
});

test('an AVIF that also lists the generic HEIF brand is AVIF', () => {
  assert.equal(sniffBytes(ftyp('mif1', 'avif', 'miaf')).format, 'avif');
});

test('camera raw files are recognised as such', () => {
  const cr2 = Buffer.from('II*\0\x10\0\0\0CR\x02\0', 'latin1');
  assert.equal(sniffBytes(cr2).kind, 'camera-raw');
  assert.equal(sniffBytes(ftyp('crx ', 'isom')).kind, 'camera-raw');
  assert.equal(sniffBytes(Buffer.from('IIRO\x08\0\0\0', 'latin1')).kind, 'camera-raw');
});

test('names what a non-image is', async () => {
  const cases: [string, string][] = [
    [await writeHtml(join(dir, 'holiday.jpg')), 'an HTML page'],
    [await writeText(join(dir, 'readme.txt')), 'a text file'],
    [await writeEmptyFile(join(dir, 'empty.jpg')), 'an empty file'],
    [
      await writeBytes(join(dir, 'doc.jpg'), Buffer.from('%PDF-1.7\n%\xe2\xe3', 'latin1')),
      'a PDF document',
    ],
    [
      await writeBytes(join(dir, 'z.jpg'), Buffer.from('504b0304140000000800', 'hex')),
      'a ZIP archive',
    ],
    [
      await writeBytes(join(dir, 'v.jpg'), ftyp('isom', 'mp41')),
      'a video or audio file (MP4/QuickTime family)',
    ],
    [
      await writeBytes(join(dir, 'r.jpg'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0x9f, 0x00])),
      'data in a format this app does not know',
    ],
  ];
  for (const [file, what] of cases) {
    const sniffed = await sniffFile(file);
    assert.equal(sniffed.what, what, file);
    assert.equal(sniffed.format, null);
    assert.notEqual(sniffed.kind, 'image');
  }
  assert.equal((await sniffFile(join(dir, 'empty.jpg'))).kind, 'empty');
});

test('HTML and SVG are found after a BOM, an XML declaration and comments', () => {
  const html = '\uFEFF  <!-- saved page -->\n<HTML lang="en"><body>gone</body></HTML>';
  assert.equal(sniffBytes(Buffer.from(html)).what, 'an HTML page');
  const svg =
    '<?xml version="1.0"?>\n<!-- by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg xmlns="http://www.w3.org/2000/svg"/>';
  assert.deepEqual(sniffBytes(Buffer.from(svg)), {
    format: null,
    kind: 'drawing',
    what: 'an SVG drawing',
  });
  assert.equal(sniffBytes(Buffer.from('<?xml version="1.0"?><rss/>')).what, 'an XML document');
});

test('text that happens to start with "BM" is not a BMP image', () => {
  assert.equal(
    sniffBytes(Buffer.from('BM is a nice pair of letters, not a bitmap header')).what,
    'a text file',
  );
});

test('READABLE_FORMATS matches what the installed sharp can decode', () => {
  const input = (name: keyof typeof sharp.format) => sharp.format[name].input;
  // HEIC and JPEG XL are decoded in WebAssembly in the worker, not by sharp
  // (tests/unit/pipeline/heif-input, jxl-input).
  for (const format of READABLE_FORMATS.filter((f) => f !== 'heif' && f !== 'jxl')) {
    const name = format === 'avif' ? 'heif' : format;
    assert.equal(input(name).file, true, `sharp cannot read ${format}`);
  }
  // Recognised formats sharp cannot read: if it gains them, widen READABLE_FORMATS (or let sharp
  // decode HEIC instead of libheif-js).
  assert.equal(input('jp2').file, false, 'sharp now reads JPEG 2000');
  const heifSuffixes = (input('heif') as { fileSuffix?: string[] }).fileSuffix ?? [];
  assert.deepEqual(heifSuffixes, ['.avif'], 'sharp now reads HEIC');
  assert.equal(input('jxl').file, false, 'sharp now reads JPEG XL');
});
