/**
 * What a HEIC/HEIF file says about its primary image, read from the ISO base media boxes (ISO/IEC
 * 23008-12) without decoding: its size (to refuse a bomb before decoding), its colour (an ICC
 * profile, or nclx primaries) and its EXIF block. The WebAssembly decoder gives pixels (and the
 * count of images) only; this gives the rest. Pure: bytes in, facts out; a box
 * that does not parse is treated as absent, never thrown.
 */

/** A box: its four-character type and where its payload lies in the file. */
export interface Box {
  type: string;
  start: number;
  end: number;
}

/** The colour an image declares in its `colr` property. */
export type HeifColour =
  | { kind: 'icc'; profile: Buffer }
  | { kind: 'nclx'; primaries: number; transfer: number; matrix: number }
  | { kind: 'none' };

/** What the primary image of a HEIF file carries besides its pixels. */
export interface HeifFacts {
  /** Width and height of the primary image as stored (before rotation), or null when absent. */
  width: number | null;
  height: number | null;
  /** `irot`: anticlockwise quarter turns libheif applies when it decodes (0–3). */
  quarterTurns: number;
  colour: HeifColour;
  /** The EXIF block as sharp gives it for a JPEG ("Exif\0\0" + TIFF), or null. */
  exif: Buffer | null;
}

/** The ISO base media boxes in `bytes[start, end)` (HEIF's and JPEG XL's containers are made of them). */
export function boxesIn(bytes: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) break;
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) break;
    boxes.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

const child = (bytes: Buffer, box: Box | undefined, type: string, skip = 0): Box | undefined =>
  box ? boxesIn(bytes, box.start + skip, box.end).find((b) => b.type === type) : undefined;

/** Reads an unsigned number of `size` bytes (0, 4 or 8). */
function readSized(bytes: Buffer, at: number, size: number): number {
  if (size === 0) return 0;
  if (size === 4) return bytes.readUInt32BE(at);
  if (size === 8) return Number(bytes.readBigUInt64BE(at));
  if (size === 2) return bytes.readUInt16BE(at);
  throw new RangeError(`field size ${size}`);
}

function primaryItem(bytes: Buffer, meta: Box): number | null {
  const pitm = child(bytes, meta, 'pitm', 4);
  if (!pitm) return null;
  return bytes[pitm.start] === 0
    ? bytes.readUInt16BE(pitm.start + 4)
    : bytes.readUInt32BE(pitm.start + 4);
}

/** Item id → item type, from `iinf`. */
function itemTypes(bytes: Buffer, meta: Box): Map<number, string> {
  const types = new Map<number, string>();
  const iinf = child(bytes, meta, 'iinf', 4);
  if (!iinf) return types;
  const countSize = bytes[iinf.start] === 0 ? 2 : 4;
  for (const infe of boxesIn(bytes, iinf.start + 4 + countSize, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const version = bytes[infe.start]!;
    if (version < 2) continue;
    const idSize = version === 2 ? 2 : 4;
    const id = readSized(bytes, infe.start + 4, idSize);
    types.set(
      id,
      bytes.toString('latin1', infe.start + 4 + idSize + 2, infe.start + 8 + idSize + 2),
    );
  }
  return types;
}

/** Item id → the item's bytes (construction methods 0, file offsets, and 1, `idat`). */
function itemData(bytes: Buffer, meta: Box, wanted: number): Buffer | null {
  const iloc = child(bytes, meta, 'iloc', 4);
  if (!iloc) return null;
  const version = bytes[iloc.start]!;
  let at = iloc.start + 4;
  const offsetSize = bytes[at]! >> 4;
  const lengthSize = bytes[at]! & 15;
  const baseOffsetSize = bytes[at + 1]! >> 4;
  const indexSize = version === 1 || version === 2 ? bytes[at + 1]! & 15 : 0;
  at += 2;
  const count = version < 2 ? bytes.readUInt16BE(at) : bytes.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? bytes.readUInt16BE(at) : bytes.readUInt32BE(at);
    at += version < 2 ? 2 : 4;
    const method = version === 1 || version === 2 ? bytes.readUInt16BE(at) & 15 : 0;
    if (version === 1 || version === 2) at += 2;
    at += 2; // data_reference_index
    const base = readSized(bytes, at, baseOffsetSize);
    at += baseOffsetSize;
    const extents = bytes.readUInt16BE(at);
    at += 2;
    const parts: Buffer[] = [];
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = readSized(bytes, at, offsetSize);
      at += offsetSize;
      const length = readSized(bytes, at, lengthSize);
      at += lengthSize;
      if (id === wanted) parts.push(slice(bytes, meta, method, base + offset, length));
    }
    if (id === wanted) return Buffer.concat(parts);
  }
  return null;
}

function slice(bytes: Buffer, meta: Box, method: number, offset: number, length: number): Buffer {
  const origin = method === 1 ? (child(bytes, meta, 'idat', 4)?.start ?? NaN) : 0;
  if (method > 1 || Number.isNaN(origin)) throw new RangeError('construction method');
  const from = origin + offset;
  const to = length === 0 ? bytes.length : from + length;
  if (to > bytes.length) throw new RangeError('item beyond the file');
  return bytes.subarray(from, to);
}

/** The property boxes of `ipco` associated with `item` in `ipma`, in order. */
function itemProperties(bytes: Buffer, meta: Box, item: number): Box[] {
  const iprp = child(bytes, meta, 'iprp', 4);
  const ipco = child(bytes, iprp, 'ipco');
  const ipma = child(bytes, iprp, 'ipma');
  if (!ipco || !ipma) return [];
  const properties = boxesIn(bytes, ipco.start, ipco.end);
  const version = bytes[ipma.start]!;
  const wide = (bytes[ipma.start + 3]! & 1) === 1;
  let at = ipma.start + 4;
  const entries = bytes.readUInt32BE(at);
  at += 4;
  for (let i = 0; i < entries; i++) {
    const id = version < 1 ? bytes.readUInt16BE(at) : bytes.readUInt32BE(at);
    at += version < 1 ? 2 : 4;
    const n = bytes[at]!;
    at += 1;
    const found: Box[] = [];
    for (let k = 0; k < n; k++) {
      const index = wide ? bytes.readUInt16BE(at) & 0x7fff : bytes[at]! & 0x7f;
      at += wide ? 2 : 1;
      const property = properties[index - 1];
      if (property) found.push(property);
    }
    if (id === item) return found;
  }
  return [];
}

function colourOf(bytes: Buffer, colr: Box | undefined): HeifColour {
  if (!colr) return { kind: 'none' };
  const type = bytes.toString('latin1', colr.start, colr.start + 4);
  if (type === 'prof' || type === 'rICC') {
    return { kind: 'icc', profile: Buffer.from(bytes.subarray(colr.start + 4, colr.end)) };
  }
  if (type === 'nclx' && colr.end - colr.start >= 10) {
    return {
      kind: 'nclx',
      primaries: bytes.readUInt16BE(colr.start + 4),
      transfer: bytes.readUInt16BE(colr.start + 6),
      matrix: bytes.readUInt16BE(colr.start + 8),
    };
  }
  return { kind: 'none' };
}

/**
 * An EXIF item's (HEIF) or `Exif` box's (JPEG XL) payload, which starts with the offset of its
 * TIFF header, as the block sharp gives for a JPEG.
 */
export function exifBlock(item: Buffer | null): Buffer | null {
  if (!item || item.length < 12) return null;
  const tiff = item.subarray(4 + item.readUInt32BE(0));
  const head = tiff.toString('latin1', 0, 4);
  if (head !== 'II*\0' && head !== 'MM\0*') return null;
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** Reads the facts of a HEIF file's primary image; fields that cannot be read are absent. */
export function readHeifFacts(bytes: Buffer): HeifFacts {
  const none: HeifFacts = {
    width: null,
    height: null,
    quarterTurns: 0,
    colour: { kind: 'none' },
    exif: null,
  };
  try {
    const meta = boxesIn(bytes, 0, bytes.length).find((b) => b.type === 'meta');
    if (!meta) return none;
    const types = itemTypes(bytes, meta);
    const primary = primaryItem(bytes, meta);
    const properties = primary === null ? [] : itemProperties(bytes, meta, primary);
    const ispe = properties.find((p) => p.type === 'ispe');
    const irot = properties.find((p) => p.type === 'irot');
    const exifId = [...types].find(([, type]) => type === 'Exif')?.[0];
    return {
      width: ispe ? bytes.readUInt32BE(ispe.start + 4) : null,
      height: ispe ? bytes.readUInt32BE(ispe.start + 8) : null,
      quarterTurns: irot && irot.end > irot.start ? bytes[irot.start]! & 3 : 0,
      colour: colourOf(
        bytes,
        properties.find((p) => p.type === 'colr') ??
          child(bytes, child(bytes, child(bytes, meta, 'iprp', 4), 'ipco'), 'colr'),
      ),
      exif: exifId === undefined ? null : exifBlock(safe(() => itemData(bytes, meta, exifId))),
    };
  } catch {
    return none;
  }
}

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
