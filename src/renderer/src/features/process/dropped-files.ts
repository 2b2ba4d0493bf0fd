/**
 * Turns what a browser gives us (a drop's DataTransfer, or an `<input webkitdirectory>`'s files)
 * into files with their paths relative to what was dropped, so that the web shell can rebuild the
 * folder tree on its side. Electron does not need this: it has real paths.
 */

/** A file to upload and where it sits inside the dropped folder(s). */
export interface RelativeFile {
  file: File;
  relativePath: string;
}

/** The few parts of the File and Directory Entries API we use (so tests can walk plain objects). */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
/** A file entry. */
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
/** A folder entry. */
export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void;
  };
}

/** Files whose names say they are not photos (OS litter); the engine would skip them anyway. */
function isLitter(name: string): boolean {
  return (
    name === '.DS_Store' || name === 'Thumbs.db' || name === 'desktop.ini' || name.startsWith('._')
  );
}

function readAllEntries(dir: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  // readEntries hands out at most ~100 entries a call; keep asking until it returns none.
  return new Promise((resolve, reject) => {
    const next = (): void => {
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    };
    next();
  });
}

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Walks dropped entries (folders recursively) into files with relative paths such as `Trip/day1/a.jpg`. */
export async function walkEntries(entries: readonly EntryLike[]): Promise<RelativeFile[]> {
  const out: RelativeFile[] = [];
  const visit = async (entry: EntryLike): Promise<void> => {
    if (entry.isFile) {
      if (isLitter(entry.name)) return;
      const file = await fileOf(entry as FileEntryLike);
      out.push({ file, relativePath: entry.fullPath.replace(/^\/+/, '') || entry.name });
    } else if (entry.isDirectory) {
      for (const child of await readAllEntries(entry as DirectoryEntryLike)) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return out;
}

/** Files from a folder picker or a plain file list, keeping `webkitRelativePath` when there is one. */
export function filesWithRelativePaths(files: Iterable<File>): RelativeFile[] {
  const out: RelativeFile[] = [];
  for (const file of files) {
    if (isLitter(file.name)) continue;
    const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
    out.push({ file, relativePath: rel && rel.length > 0 ? rel : file.name });
  }
  return out;
}

/**
 * Reads a drop synchronously (a DataTransfer is emptied once the event handler returns) into
 * entries to walk and loose files: a synthetic or non-filesystem drop has files but no entries.
 */
export function captureDrop(dt: DataTransfer): {
  entries: EntryLike[];
  looseFiles: File[];
  files: File[];
} {
  const entries: EntryLike[] = [];
  const looseFiles: File[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry as unknown as EntryLike);
    else {
      const f = item.getAsFile();
      if (f) looseFiles.push(f);
    }
  }
  return { entries, looseFiles, files: Array.from(dt.files) };
}

/** A name for what was dropped, for the run's label: the folder's name, or "12 files". */
export function describeSelection(files: readonly RelativeFile[]): string {
  if (files.length === 0) return 'nothing';
  const tops = new Set(
    files.map((f) => (f.relativePath.includes('/') ? f.relativePath.split('/')[0]! : '')),
  );
  if (tops.size === 1) {
    const [top] = tops;
    if (top) return top;
  }
  return files.length === 1 ? files[0]!.relativePath : `${files.length} files`;
}

/** Why a selection is too big for the web shell's upload limits, in words; null when it fits. */
export function uploadSizeProblem(
  files: readonly RelativeFile[],
  limits: { fileBytes: number; totalBytes: number } | null,
  formatBytes: (n: number) => string,
): string | null {
  if (!limits) return null;
  let total = 0;
  for (const f of files) {
    if (f.file.size > limits.fileBytes) {
      return `${f.relativePath} is ${formatBytes(f.file.size)}, larger than the ${formatBytes(limits.fileBytes)} a single upload may be. Type the folder's path instead, or leave that file out.`;
    }
    total += f.file.size;
  }
  if (total > limits.totalBytes) {
    return `These ${files.length} files come to ${formatBytes(total)}, more than the ${formatBytes(limits.totalBytes)} one upload may be. Type the folder's path instead (the files stay where they are), or choose fewer files.`;
  }
  return null;
}
