/**
 * Walks the inputs (folders recursively, and files) and yields one entry per file, in a fixed
 * order (inputs as given, names sorted by code unit within each folder), so two runs over the same
 * tree plan the same outputs. It streams: besides the folders already visited (dev:ino, for loop
 * detection) it holds only the listings of the folders it is inside. Links to folders are
 * followed only within the input's own file system (like `find -xdev`), and the kernel's trees
 * (/proc, /sys, /dev) are never entered: a typed `/` or `/proc/self` walked the whole machine.
 */
import { realpath, readdir, stat } from 'node:fs/promises';
import type { BigIntStats, Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { classifyFile, classifyUnreachable, reject } from './classify-file.js';
import type { ClassifyOptions, FilePlace } from './classify-file.js';
import { describeFsError } from './fs-error-words.js';
import { claimsToBePicture, skipReasonForFolderName } from './image-names.js';
import { undecodableName } from './undecodable-names.js';
import { OutputFolderGuard } from './output-folder-guard.js';
import { entryLabel, printableName } from './scan-entry.js';
import type { ScanEntry } from './scan-entry.js';
import { isTempName } from './temp-names.js';
import { isSamePathOrInside } from './path-relations.js';
import { systemFileSystemOf, systemPathOf } from './system-trees.js';

/** Options of a scan. */
export interface ScanOptions {
  /** The run's output folder: never entered, even when it lies inside an input. */
  outDir?: string | null;
  /** Files looked at in parallel within one folder (stat and first bytes); default 16. */
  concurrency?: number;
  /** See `ClassifyOptions.trustPictureNames`: photos named like photos are not read here. */
  trustPictureNames?: boolean;
}

/** What looking at one name in a folder found: a finished entry, a folder to enter, or nothing. */
type Look =
  | { kind: 'entry'; entry: ScanEntry }
  | { kind: 'folder'; place: FilePlace; stats: BigIntStats; viaLink: boolean }
  | { kind: 'ignore' };

interface ScanState {
  guard: OutputFolderGuard;
  /** Real folders already scanned, as `dev:ino`: stops link loops and double scans. */
  visitedFolders: Set<string>;
  concurrency: number;
  rootReal: string;
  /** The file system (st_dev) of the input being scanned: links to folders stay on it. */
  rootDev: bigint;
  classify: ClassifyOptions;
}

const identity = (stats: BigIntStats): string => `${stats.dev}:${stats.ino}`;
const byCodeUnit = (a: Dirent, b: Dirent): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Yields every file under `inputs` with the scanner's verdict. Links are followed; a folder seen
 * before (a loop, or two inputs that overlap) is reported once as skipped and not scanned again.
 * Our own temp files are ignored. Never throws for a bad file or folder: it yields a `fail` entry.
 */
export async function* scanInputs(
  inputs: readonly string[],
  options: ScanOptions = {},
): AsyncGenerator<ScanEntry> {
  const state: ScanState = {
    guard: await OutputFolderGuard.create(options.outDir),
    visitedFolders: new Set(),
    concurrency: Math.max(1, options.concurrency ?? 16),
    rootReal: '',
    rootDev: 0n,
    classify: { trustPictureNames: options.trustPictureNames ?? false },
  };
  const seenInputFiles = new Set<string>();
  for (const root of new Set(inputs.map((input) => resolve(input)))) {
    const place: FilePlace = { source: root, root, relativePath: basename(root) };
    let stats: BigIntStats;
    try {
      stats = await stat(root, { bigint: true });
    } catch (error) {
      yield classifyUnreachable(place, error, false);
      continue;
    }
    const system = await systemTreeAt(root, stats);
    if (system) {
      yield reject(place, 0, 'skip', `${entryLabel(place)}: ${notScanned(system)}`);
      continue;
    }
    if (stats.isDirectory()) {
      state.rootReal = await realpath(root).catch(() => root);
      state.rootDev = stats.dev;
      yield* enterFolder({ source: root, root, relativePath: '' }, stats, false, state, stats.dev);
    } else if (stats.isFile()) {
      if (isTempName(basename(root)) || seenInputFiles.has(identity(stats))) continue;
      seenInputFiles.add(identity(stats));
      yield await classifyFile(place, Number(stats.size), state.classify);
    } else {
      yield reject(place, 0, 'skip', `${entryLabel(place)}: not a regular file or folder, skipped`);
    }
  }
}

/** `/proc`, "a sysfs file system"… when `path` (with its `stats`) is in a system tree, else null. */
async function systemTreeAt(path: string, stats: BigIntStats): Promise<string | null> {
  const real = await realpath(path).catch(() => path);
  return systemPathOf(real) ?? (stats.isDirectory() ? await systemFileSystemOf(real) : null);
}

const notScanned = (system: string): string =>
  `it is in ${system}, the running system's own files, not photos; not scanned`;

async function* enterFolder(
  place: FilePlace,
  stats: BigIntStats,
  viaLink: boolean,
  state: ScanState,
  parentDev: bigint,
): AsyncGenerator<ScanEntry> {
  const isRoot = place.relativePath === '';
  const label = entryLabel(place);
  if (viaLink) {
    const real = await realpath(place.source).catch(() => place.source);
    // A link to `/` or any folder holding the input would walk the whole disk back to the input.
    const why =
      stats.dev !== state.rootDev
        ? `a link to a folder on another file system (${printableName(real)}), not followed`
        : isSamePathOrInside(state.rootReal, real)
          ? `a link to ${printableName(real)}, which holds this input itself; not followed`
          : null;
    if (why) {
      yield reject(place, 0, 'skip', `${label}: ${why}`);
      return;
    }
  }
  // Only a folder on another file system than its parent (a mount point) can be a system tree.
  if (stats.dev !== parentDev) {
    const system = await systemTreeAt(place.source, stats);
    if (system) {
      yield reject(place, 0, 'skip', `${label}: ${notScanned(system)}`);
      return;
    }
  }
  const skippedByName = isRoot ? null : skipReasonForFolderName(basename(place.source));
  if (skippedByName) {
    yield reject(place, 0, 'skip', `${label}: ${skippedByName}`);
    return;
  }
  if (await state.guard.excludes(place.source, stats, viaLink, state.rootReal)) {
    // Our own output: silently left out, it is not the user's file to count.
    if (isRoot) yield reject(place, 0, 'skip', `${label}: this is the output folder, not scanned`);
    return;
  }
  if (state.visitedFolders.has(identity(stats))) {
    const why =
      'the same folder was already scanned (reached again through a link or another input)';
    yield reject(place, 0, 'skip', `${label}: ${why}`);
    return;
  }
  state.visitedFolders.add(identity(stats));
  yield* walkFolder(place, state, stats.dev);
}

async function* walkFolder(
  folder: FilePlace,
  state: ScanState,
  dev: bigint,
): AsyncGenerator<ScanEntry> {
  let children: Dirent[];
  try {
    children = await readdir(folder.source, { withFileTypes: true });
  } catch (error) {
    yield reject(
      folder,
      0,
      'fail',
      `${entryLabel(folder)}: folder could not be read (${describeFsError(error)})`,
    );
    return;
  }
  children.sort(byCodeUnit);
  for (let start = 0; start < children.length; start += state.concurrency) {
    const batch = children.slice(start, start + state.concurrency);
    // Stat and sniff a batch at once (I/O latency dominates), then yield in name order.
    const looks = await Promise.all(batch.map((child) => lookAt(folder, child, state)));
    for (const look of looks) {
      if (look.kind === 'entry') yield look.entry;
      else if (look.kind === 'folder')
        yield* enterFolder(look.place, look.stats, look.viaLink, state, dev);
    }
  }
}

async function lookAt(folder: FilePlace, child: Dirent, state: ScanState): Promise<Look> {
  const { classify } = state;
  if (isTempName(child.name)) return { kind: 'ignore' };
  const place: FilePlace = {
    source: join(folder.source, child.name),
    root: folder.root,
    relativePath: join(folder.relativePath, child.name),
  };
  const viaLink = child.isSymbolicLink();
  const undecodable = await undecodableName(folder.source, child.name);
  if (undecodable !== null) {
    const shown = printableName(join(basename(folder.root), folder.relativePath, undecodable));
    const why = `its name is not valid UTF-8 (the bytes shown as \\xNN), which this program cannot handle; rename it`;
    const verdict = claimsToBePicture(child.name) ? 'fail' : 'skip';
    return { kind: 'entry', entry: reject(place, 0, verdict, `${shown}: ${why}`) };
  }
  // A photo named like one, not a link: no stat (its size comes from the worker that reads it).
  if (classify.trustPictureNames && child.isFile()) {
    return { kind: 'entry', entry: await classifyFile(place, null, classify) };
  }
  let stats: BigIntStats;
  try {
    stats = await stat(place.source, { bigint: true });
  } catch (error) {
    return { kind: 'entry', entry: classifyUnreachable(place, error, viaLink) };
  }
  if (stats.isDirectory()) return { kind: 'folder', place, stats, viaLink };
  // A link to a file elsewhere may still be a photo; a link into /proc (kmsg blocks a reader) is not.
  if (viaLink && stats.dev !== state.rootDev) {
    const system = await systemTreeAt(place.source, stats);
    if (system) {
      const why = `a link into ${system}, the running system's own files; not followed`;
      return { kind: 'entry', entry: reject(place, 0, 'skip', `${entryLabel(place)}: ${why}`) };
    }
  }
  if (stats.isFile())
    return { kind: 'entry', entry: await classifyFile(place, Number(stats.size), classify) };
  // Opening a FIFO would block the scan forever; devices and sockets are not photos either.
  const reason = `${entryLabel(place)}: not a regular file (a device, pipe or socket), skipped`;
  return { kind: 'entry', entry: reject(place, 0, 'skip', reason) };
}
