/**
 * The window's pictures, behind both hosts: lists a selection's photos with their totals
 * (`inputs:photos`), makes previews of the current settings on one of them (`preview:make`), and
 * answers picture URLs (`/pictures/…`) with a file to send, or null for a 404. Pictures are made
 * by `PictureWorkers` (processes of their own), thumbnails kept in `ThumbnailCache`, and every
 * file is confined by `thumbnail-access.ts`. Created lazily: no worker starts before a picture
 * is asked for.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessSettings } from '../shared/settings.js';
import type { PreviewResult, SelectionPhotos } from '../shared/pictures.js';
import { LARGE_PICTURE_PX, PICTURES_PATH } from '../shared/pictures.js';
import type { RunStore } from '../db/run-store.js';
import { mapLimited, readImageDimensions } from './image-headers.js';
import { outputFormatFor } from './output-names.js';
import { PictureWorkers } from './picture-workers.js';
import { scanInputs } from './scan-inputs.js';
import { printableName } from './scan-entry.js';
import { PictureAccess, parsePictureRef } from './thumbnail-access.js';
import type { ScannedPhoto } from './thumbnail-access.js';
import { ThumbnailCache } from './thumbnail-cache.js';
import type { WorkerHostFactory } from './worker-host.js';
import { pipelineOptionsOf } from './task-outcome.js';
import type { SniffedFormat } from '../media/sniff-image.js';

/** Options of `PictureService`. */
export interface PictureServiceOptions {
  store: RunStore;
  hostFactory: WorkerHostFactory;
  /** Thumbnails go to `<dataDir>/thumbnails`, previews to `<dataDir>/previews`. */
  dataDir: string;
  /** Bound of the thumbnail folder in bytes (default THUMBNAIL_CACHE_BYTES). */
  cacheBytes?: number;
  /** Picture worker processes (default 2). */
  workers?: number;
}

/** A file (or, for a photo no picture can be made of, a placeholder) to answer a picture URL with. */
export interface PictureFile {
  /** The picture's file; null: send `body` instead. */
  file: string | null;
  body?: Buffer;
  contentType: string;
  /** Stable while the picture is the same: an ETag. */
  etag: string;
  cacheControl: string;
}

/** Photos listed per selection at most (the scan of `inputs:check` stops at the same order). */
const MAX_PHOTOS = 100_000;
/** Headers read at once while listing. */
const HEADER_READS_AT_ONCE = 16;
/** Long edge of a preview as shown (its original beside it is as large). */
const PREVIEW_LONG_EDGE = LARGE_PICTURE_PX;
/** Previews kept on disk (the newest); older ones are removed. */
const PREVIEWS_KEPT = 6;

/** What a photo without a picture shows: a frame with a crossed corner, in neutral grey. */
const NO_PICTURE_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="72" viewBox="0 0 96 72">' +
    '<rect x="2" y="2" width="92" height="68" rx="6" fill="none" stroke="#8a8d94" stroke-width="3"/>' +
    '<path d="M2 2l92 68" stroke="#8a8d94" stroke-width="3"/></svg>',
);

/** See the module comment. */
export class PictureService {
  readonly workers: PictureWorkers;
  readonly cache: ThumbnailCache;
  readonly access: PictureAccess;
  private readonly previews: string[] = [];
  private readonly previewDir: string;

  constructor(options: PictureServiceOptions) {
    this.workers = new PictureWorkers({
      hostFactory: options.hostFactory,
      size: options.workers ?? 2,
    });
    this.cache = new ThumbnailCache({
      dir: path.join(options.dataDir, 'thumbnails'),
      workers: this.workers,
      ...(options.cacheBytes !== undefined ? { maxBytes: options.cacheBytes } : {}),
    });
    this.access = new PictureAccess(options.store);
    this.previewDir = path.join(options.dataDir, 'previews');
  }

  /** Scans `inputs` (absolute) as a run would and lists the photos it would process. */
  async listPhotos(inputs: readonly string[]): Promise<SelectionPhotos> {
    const found: (ScannedPhoto & { name: string; size: number | null })[] = [];
    let complete = true;
    for await (const entry of scanInputs([...inputs], { trustPictureNames: true })) {
      if (entry.verdict !== 'image') continue;
      if (found.length >= MAX_PHOTOS) {
        complete = false;
        break;
      }
      found.push({
        path: entry.source,
        format: entry.format,
        name: printableName(entry.relativePath || path.basename(entry.source)),
        size: entry.size,
      });
    }
    const details = await mapLimited(found, HEADER_READS_AT_ONCE, async (photo) => ({
      bytes:
        photo.size ??
        (await stat(photo.path).then(
          (s) => s.size,
          () => 0,
        )),
      size: await readImageDimensions(photo.path),
    }));
    const photos = found.map((photo, index) => ({
      index,
      name: photo.name,
      bytes: details[index]!.bytes,
      width: details[index]!.size?.width ?? null,
      height: details[index]!.size?.height ?? null,
    }));
    const known = photos.filter((p) => p.width !== null && p.height !== null);
    const knownMp = known.reduce((sum, p) => sum + (p.width! * p.height!) / 1e6, 0);
    const megapixels =
      known.length === 0 ? 0 : knownMp + (knownMp / known.length) * (photos.length - known.length);
    return {
      selectionId: this.access.addSelection(inputs, found),
      photos,
      totalBytes: photos.reduce((sum, p) => sum + p.bytes, 0),
      megapixels: Math.round(megapixels * 100) / 100,
      complete,
    };
  }

  /** The settings on one photo of a selection, made in a worker; nothing is written but the picture shown. */
  async preview(
    selectionId: string,
    index: number,
    settings: ProcessSettings,
  ): Promise<PreviewResult> {
    const photo = this.access.selectionPhoto(selectionId, index);
    const source = await this.access.resolve({
      kind: 'selection',
      selectionId,
      index,
      large: false,
    });
    if (!photo || !source)
      throw new Error('That photo is no longer in the chosen folder; choose the folder again.');
    const bytesIn = (await stat(source)).size;
    const format = outputFormatFor(settings.format, photo.format as SniffedFormat);
    await mkdir(this.previewDir, { recursive: true });
    const previewId = randomBytes(9).toString('base64url');
    const target = path.join(this.previewDir, `${previewId}.webp`);
    const result = await this.workers.run({
      kind: 'preview',
      source,
      temp: path.join(this.previewDir, `.${previewId}.tmp`),
      target,
      longEdge: PREVIEW_LONG_EDGE,
      outputFormat: format,
      options: pipelineOptionsOf(settings),
    });
    this.previews.push(previewId);
    for (const old of this.previews.splice(0, Math.max(0, this.previews.length - PREVIEWS_KEPT)))
      await rm(path.join(this.previewDir, `${old}.webp`), { force: true });
    return {
      previewId,
      encodedBytes: result.encodedBytes ?? 0,
      width: result.encodedWidth ?? 0,
      height: result.encodedHeight ?? 0,
      bytesIn,
      format,
      ms: Math.round(result.ms),
    };
  }

  /**
   * The file for a URL path under PICTURES_PATH, or null (a 404) when it names nothing the
   * window was given. Making a thumbnail may fail (a damaged photo): that is a null too.
   */
  async respond(urlPath: string): Promise<PictureFile | null> {
    if (!urlPath.startsWith(`${PICTURES_PATH}/`)) return null;
    const rest = urlPath.slice(PICTURES_PATH.length + 1);
    const preview = /^preview\/([A-Za-z0-9_-]{1,32})$/.exec(rest);
    if (preview) {
      const id = preview[1]!;
      if (!this.previews.includes(id)) return null;
      return {
        file: path.join(this.previewDir, `${id}.webp`),
        contentType: 'image/webp',
        etag: `"p-${id}"`,
        // A preview's id is never reused: it never changes.
        cacheControl: 'private, max-age=31536000, immutable',
      };
    }
    const ref = parsePictureRef(rest);
    if (!ref) return null;
    const source = await this.access.resolve(ref);
    if (!source) return null;
    const large = ref.kind === 'selection' && ref.large;
    const thumbnail = await this.cache
      .get(source, large ? LARGE_PICTURE_PX : undefined)
      .catch(() => null);
    // A photo the window may see but no picture can be made of (damaged, an unknown format):
    // a placeholder, not an error, and asked again next time.
    if (!thumbnail)
      return {
        file: null,
        body: NO_PICTURE_SVG,
        contentType: 'image/svg+xml',
        etag: '"none"',
        cacheControl: 'no-store',
      };
    return {
      file: thumbnail.file,
      contentType: 'image/webp',
      etag: `"t-${thumbnail.key}"`,
      // The same reference may stand for a changed file later: revalidate after a while (ETag).
      cacheControl: 'private, max-age=300',
    };
  }

  async close(): Promise<void> {
    await this.workers.close();
  }
}
