/**
 * File-system errors in words a user understands: "permission denied" rather than `EACCES`.
 */

const WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'the operating system does not allow it',
  ENOENT: 'it does not exist (or was removed during the scan)',
  ENOTDIR: 'a part of its path is not a folder',
  ELOOP: 'it is a link that leads back to itself',
  ENAMETOOLONG: 'its name or path is too long',
  EIO: 'the disk reported a read error',
  EBUSY: 'it is in use by another program',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EISDIR: 'it is a folder',
  ENOTCONN: 'the network drive is not connected',
  ETIMEDOUT: 'the drive did not answer in time',
  EAGAIN: 'it is temporarily unavailable',
};

/** A short phrase for an error from `node:fs`, e.g. "permission denied"; unknown codes keep the message. */
export function describeFsError(error: unknown): string {
  const code = fsErrorCode(error);
  const words = code ? WORDS[code] : undefined;
  if (words) return words;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The `code` of a Node system error (`ENOENT`, …), or undefined. */
export function fsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}
