/**
 * What is already at an output path, answered from one listing per output folder instead of one
 * `lstat` per image: for a fresh output folder every answer is "nothing", and a failed `lstat`
 * (ENOENT) costs the engine an exception each time — on small photos that was the largest part
 * of the engine's own work. Names the listing cannot settle alone (a different case only: the
 * file system decides whether `A.jpg` is `a.jpg`) are asked of the file system.
 */
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fsErrorCode } from './fs-error-words.js';

/** Something on disk, as far as planning cares. */
export interface OnDisk {
  isDirectory(): boolean;
}

interface Listing {
  /** Names exactly as listed, with whether each is a folder. */
  exact: Map<string, boolean>;
  /** The same names in lower case, to notice a name that differs only by case. */
  folded: Set<string>;
}

/** Listings of output folders, read once each (a run plans into a handful of folders). */
export class OutputListings {
  private readonly listings = new Map<string, Promise<Listing | null>>();

  /** What is at `path` without following a link there: a file or folder, nothing, or an error. */
  async whatIsAt(path: string): Promise<OnDisk | 'nothing' | Error> {
    const listing = await this.listingOf(dirname(path));
    const name = basename(path);
    if (listing) {
      const isDirectory = listing.exact.get(name);
      if (isDirectory !== undefined) return { isDirectory: () => isDirectory };
      if (!listing.folded.has(name.toLowerCase())) return 'nothing';
    }
    return lstatOrNothing(path);
  }

  private listingOf(dir: string): Promise<Listing | null> {
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = readListing(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

/** A folder's names; an empty listing when it does not exist yet; null when it cannot be read. */
async function readListing(dir: string): Promise<Listing | null> {
  const listing: Listing = { exact: new Map(), folded: new Set() };
  try {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      listing.exact.set(entry.name, entry.isDirectory());
      listing.folded.add(entry.name.toLowerCase());
    }
  } catch (error) {
    const code = fsErrorCode(error);
    // Nothing can be in a folder that is not there (or a path through a file, which fails later).
    if (code === 'ENOENT' || code === 'ENOTDIR') return listing;
    return null;
  }
  return listing;
}

async function lstatOrNothing(path: string): Promise<OnDisk | 'nothing' | Error> {
  try {
    return await lstat(path);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return 'nothing';
    return error instanceof Error ? error : new Error(String(error));
  }
}
