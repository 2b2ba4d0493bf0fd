/**
 * Thumbnails on disk under the data folder, made by the picture workers and reused across runs
 * and restarts. An entry is keyed by the file's real path, size and modification time (and the
 * thumbnail size), so a changed file gets a new thumbnail and its old one ages out. The folder is
 * bounded in total bytes: past the bound, the entries used longest ago go first (an entry's
 * mtime is when it was last served). Writes are a temp name and a rename, in the worker.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { THUMBNAIL_PX } from '../shared/pictures.js';
import type { PictureWorkers } from './picture-workers.js';

/** Long edge of a thumbnail, in pixels. */
export const THUMBNAIL_LONG_EDGE = THUMBNAIL_PX;
/** Default bound of the thumbnail folder: about 20,000 thumbnails of ~10 KB. */
export const THUMBNAIL_CACHE_BYTES = 200 * 1024 * 1024;

/** Options of `ThumbnailCache`. */
export interface ThumbnailCacheOptions {
  /** The folder (`<data folder>/thumbnails`). */
  dir: string;
  workers: PictureWorkers;
  maxBytes?: number;
  longEdge?: number;
}

/** A thumbnail ready to serve. */
export interface Thumbnail {
  file: string;
  /** The cache key: stable while the source is unchanged (an ETag). */
  key: string;
  bytes: number;
}

interface Entry {
  bytes: number;
  usedAt: number;
}

/** The thumbnail folder. */
export class ThumbnailCache {
  private entries: Map<string, Entry> | null = null;
  private loading: Promise<Map<string, Entry>> | null = null;
  private total = 0;
  private readonly making = new Map<string, Promise<Thumbnail>>();
  /** Thumbnails made (not found) since start, for tests and the bench. */
  made = 0;

  constructor(private readonly options: ThumbnailCacheOptions) {}

  private get longEdge(): number {
    return this.options.longEdge ?? THUMBNAIL_LONG_EDGE;
  }

  private get maxBytes(): number {
    return this.options.maxBytes ?? THUMBNAIL_CACHE_BYTES;
  }

  /** Total bytes of the folder's thumbnails as this process knows them. */
  async totalBytes(): Promise<number> {
    await this.load();
    return this.total;
  }

  /**
   * The thumbnail of `source` (a real path, already confined by the caller), `longEdge` px
   * (default the cache's): found or made.
   */
  async get(source: string, longEdge = this.longEdge): Promise<Thumbnail> {
    const info = await stat(source);
    if (!info.isFile()) throw new Error(`${source} is not a file`);
    const key = createHash('sha256')
      .update(`${source}\0${info.size}\0${info.mtimeMs}\0${longEdge}`)
      .digest('hex')
      .slice(0, 32);
    const file = path.join(this.options.dir, `${key}.webp`);
    const entries = await this.load();
    const known = entries.get(key);
    if (known) {
      known.usedAt = Date.now();
      // Its mtime says when it was last used, so the order survives a restart.
      await utimes(file, new Date(), new Date()).catch(() => entries.delete(key));
      if (entries.has(key)) return { file, key, bytes: known.bytes };
    }
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.make(source, key, file, longEdge).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    return pending;
  }

  private async make(
    source: string,
    key: string,
    file: string,
    longEdge: number,
  ): Promise<Thumbnail> {
    const temp = path.join(this.options.dir, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
    const result = await this.options.workers.run({
      kind: 'thumbnail',
      source,
      temp,
      target: file,
      longEdge,
    });
    this.made++;
    const entries = await this.load();
    const previous = entries.get(key);
    if (previous) this.total -= previous.bytes;
    entries.set(key, { bytes: result.bytes, usedAt: Date.now() });
    this.total += result.bytes;
    await this.trim(key);
    return { file, key, bytes: result.bytes };
  }

  /** Removes the entries used longest ago until the folder is within its bound (never `keep`). */
  private async trim(keep: string): Promise<void> {
    const entries = await this.load();
    if (this.total <= this.maxBytes) return;
    const oldestFirst = [...entries].sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [key, entry] of oldestFirst) {
      if (this.total <= this.maxBytes) break;
      if (key === keep || this.making.has(key)) continue;
      entries.delete(key);
      this.total -= entry.bytes;
      await rm(path.join(this.options.dir, `${key}.webp`), { force: true });
    }
  }

  /** Reads the folder once (creating it), and removes temp files a crash left behind. */
  private load(): Promise<Map<string, Entry>> {
    if (this.entries) return Promise.resolve(this.entries);
    this.loading ??= (async () => {
      await mkdir(this.options.dir, { recursive: true });
      const entries = new Map<string, Entry>();
      for (const name of await readdir(this.options.dir)) {
        const full = path.join(this.options.dir, name);
        if (name.endsWith('.tmp')) {
          // Another process sharing the folder may be writing this one now: only old ones go.
          const temp = await stat(full).catch(() => null);
          if (temp && Date.now() - temp.mtimeMs > 60_000) await rm(full, { force: true });
          continue;
        }
        if (!name.endsWith('.webp')) continue;
        const info = await stat(full).catch(() => null);
        if (!info?.isFile()) continue;
        entries.set(name.slice(0, -'.webp'.length), { bytes: info.size, usedAt: info.mtimeMs });
        this.total += info.size;
      }
      this.entries = entries;
      return entries;
    })();
    return this.loading;
  }
}
