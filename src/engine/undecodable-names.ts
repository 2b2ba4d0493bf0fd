/**
 * Names that are not valid UTF-8 (`bad\xff\xfe.jpg`, written by old tools or other locales).
 * Node hands such a name over with U+FFFD in place of the bad bytes, so the path it gives does
 * not exist, and every later step said "it does not exist". Carrying byte paths through the
 * scanner, planner, store, worker and window is a change of every boundary; instead the file is
 * named truly, its bad bytes escaped, and the user told to rename it.
 */
import { readdir } from 'node:fs/promises';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * The name's bytes as text, each byte that is not part of valid UTF-8 written `\xNN`
 * (`bad\xff\xfe.jpg`).
 */
export function escapeUndecodable(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes[i]!);
    const slice = bytes.subarray(i, i + length);
    const decoded = decodedOrNull(slice, length);
    if (decoded !== null) {
      text += decoded.replace(/\\/g, '\\\\');
      i += length;
    } else {
      text += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return text;
}

function decodedOrNull(slice: Uint8Array, length: number): string | null {
  if (slice.length !== length) return null;
  try {
    return strict.decode(slice);
  } catch {
    return null;
  }
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

/**
 * For a name read from `folder` that may have lost bytes (it holds U+FFFD): its true bytes,
 * escaped, when they are not valid UTF-8; null when the name is what it says (a real U+FFFD).
 */
export async function undecodableName(folder: string, name: string): Promise<string | null> {
  if (!name.includes('\uFFFD')) return null;
  const raw = await readdir(folder, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  for (const bytes of raw) {
    if (bytes.toString('utf8') !== name) continue;
    if (!Buffer.from(name, 'utf8').equals(bytes)) return escapeUndecodable(bytes);
  }
  return null;
}
