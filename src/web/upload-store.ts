/**
 * Uploads from the browser (a dropped folder, or files picked with `webkitdirectory`) streamed
 * into a new input folder under the data folder, one HTTP request per file. Nothing is held in
 * memory beyond a chunk. A file or an upload over its size limit is refused and the whole upload's
 * folder removed, so a refused upload leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadLimits } from '../shared/contract.js';
import { formatBytes } from '../shared/format-figures.js';
import type { UploadFileSaved, UploadStarted } from '../shared/web-wire.js';
import { stamp } from '../engine/default-out-dir.js';
import { sanitizeRelativePath, uniqueNames } from './upload-paths.js';

/** Defaults: a 16-bit TIFF at sharp's pixel limit is about 1.6 GB; whole drops rarely pass 32 GB. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  fileBytes: 2 * 1024 ** 3,
  totalBytes: 32 * 1024 ** 3,
};

/** An upload the shell refused, with the HTTP status to answer and a message in words. */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Upload {
  dir: string;
  /** Bytes received so far, including files still arriving. */
  bytes: number;
  /** Set once refused: later files are refused too (the folder is gone). */
  refused: string | null;
}

/** The uploads of one web shell. */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    /** Parent of every upload's folder (`<data folder>/uploads`). */
    private readonly root: string,
    readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
  ) {}

  /** Creates a new, empty input folder and an id to send its files to. */
  async start(): Promise<UploadStarted> {
    const uploadId = randomBytes(12).toString('hex');
    const dir = path.join(this.root, `upload-${stamp(new Date())}-${uploadId.slice(0, 6)}`);
    await mkdir(dir, { recursive: true });
    this.uploads.set(uploadId, { dir, bytes: 0, refused: null });
    return { uploadId, inputDir: dir };
  }

  /**
   * Streams one file's body to `relativePath` (sanitised) inside the upload's folder. It is
   * written under a temporary name and renamed when complete, so a half-sent file never looks
   * like a photo. Names that clash get ` (2)`, ` (3)`…
   */
  async receive(
    uploadId: string,
    relativePath: string,
    body: IncomingMessage,
  ): Promise<UploadFileSaved> {
    const upload = this.uploads.get(uploadId);
    if (!upload)
      throw new UploadRefused(
        404,
        'This upload does not exist (the web shell may have been restarted). Drop the files again.',
      );
    if (upload.refused) throw new UploadRefused(409, upload.refused);

    try {
      const saved = await this.write(upload, relativePath, body);
      // Another file of this upload was refused while this one arrived: its folder must stay gone.
      if (upload.refused) throw new UploadRefused(409, upload.refused);
      return saved;
    } catch (error) {
      if (error instanceof UploadRefused && error.status === 413)
        await this.refuse(upload, error.message);
      else if (upload.refused) await removeFolder(upload.dir);
      throw error;
    }
  }

  private async write(
    upload: Upload,
    relativePath: string,
    body: IncomingMessage,
  ): Promise<UploadFileSaved> {
    const declared = Number(body.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared)) this.checkSize(upload, relativePath, declared, declared);

    const segments = sanitizeRelativePath(relativePath);
    const folder = path.join(upload.dir, ...segments.slice(0, -1));
    // Belt and braces: sanitising already removed every way out of the folder.
    if (folder !== upload.dir && !folder.startsWith(upload.dir + path.sep)) {
      throw new UploadRefused(400, `The path "${relativePath}" leaves the upload folder.`);
    }
    if (upload.refused) throw new UploadRefused(409, upload.refused);
    await mkdir(folder, { recursive: true });
    const final = await this.claimName(folder, segments[segments.length - 1]!);
    const temp = path.join(
      folder,
      `.${path.basename(final)}.${randomBytes(4).toString('hex')}.part`,
    );

    let fileBytes = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        fileBytes += chunk.length;
        upload.bytes += chunk.length;
        try {
          // Stop writing as soon as another file of this upload is refused.
          if (upload.refused) throw new UploadRefused(409, upload.refused);
          this.checkSize(upload, relativePath, fileBytes, 0);
          done(null, chunk);
        } catch (error) {
          done(error as Error);
        }
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(temp, { flags: 'wx' }));
      await rename(temp, final);
    } catch (error) {
      upload.bytes -= fileBytes;
      await unlink(temp).catch(() => {});
      await unlink(final).catch(() => {});
      if (error instanceof UploadRefused) throw error;
      throw new UploadRefused(
        400,
        `The upload of "${relativePath}" was interrupted before it was complete.`,
      );
    }
    return { path: path.relative(upload.dir, final).split(path.sep).join('/'), bytes: fileBytes };
  }

  /** Removes an upload's folder and everything in it (the browser gave up, or a file was refused). */
  async abandon(uploadId: string): Promise<boolean> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return false;
    await this.refuse(upload, 'This upload was cancelled.');
    return true;
  }

  /** Throws `UploadRefused` (413) when a file or the upload is over its limit. */
  private checkSize(
    upload: Upload,
    relativePath: string,
    fileBytes: number,
    extraForUpload: number,
  ): void {
    if (fileBytes > this.limits.fileBytes) {
      throw new UploadRefused(
        413,
        `"${relativePath}" is larger than the ${formatBytes(this.limits.fileBytes)} a single file may be; the upload was refused.`,
      );
    }
    if (upload.bytes + extraForUpload > this.limits.totalBytes) {
      throw new UploadRefused(
        413,
        `These files add up to more than the ${formatBytes(this.limits.totalBytes)} one upload may be; the upload was refused.`,
      );
    }
  }

  /** Reserves a free name in `folder` by creating it empty (`wx` never overwrites). */
  private async claimName(folder: string, name: string): Promise<string> {
    for (const candidate of uniqueNames(name)) {
      const file = path.join(folder, candidate);
      try {
        await (await open(file, 'wx')).close();
        return file;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('unreachable');
  }

  private async refuse(upload: Upload, reason: string): Promise<void> {
    upload.refused = reason;
    await removeFolder(upload.dir);
  }
}

/**
 * Removes an upload's folder. Another request of the same upload may still be finishing inside
 * it (it removes the folder again when done), so retry on ENOTEMPTY rather than fail.
 */
async function removeFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }).catch(() => {});
}
