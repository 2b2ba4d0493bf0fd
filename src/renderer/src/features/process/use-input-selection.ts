// Turns a drop, a picker or a typed path into the inputs of a run. Electron hands us real paths;
// in a browser the files are uploaded to the web shell first (with their folder structure).
import { useCallback, useState } from 'react';
import type { AppSettings, PhotobatchClient } from '../../../../shared/contract.js';
import { errorMessage } from '../../common/errors.js';
import { formatBytes } from '../../../../shared/format-figures.js';
import { baseName, plural } from '../../common/format.js';
import { useRafState } from '../../common/use-raf-state.js';
import {
  captureDrop,
  describeSelection,
  filesWithRelativePaths,
  uploadSizeProblem,
  walkEntries,
  type RelativeFile,
} from './dropped-files.js';

/** What the next run will read. */
export interface InputSelection {
  inputs: string[];
  /** A short name: the folder's, or "12 files". */
  name: string;
  /** A line of detail: "124 files · 412 MB uploaded", or the path. */
  detail: string;
}

/** An upload under way, in numbers. */
export interface UploadProgress {
  files: number;
  sentBytes: number;
  totalBytes: number;
}

/** A host that reads files where they are (Electron) got a drop without paths: it came from no folder on this computer. */
const NOT_ON_DISK =
  'That drop has no files from this computer (an image dragged from a web page has none). Drop a folder or photos from your disk, or paste web addresses on Download.';

function pathsSelection(paths: string[]): InputSelection {
  const first = paths[0]!;
  return {
    inputs: paths,
    name: paths.length === 1 ? baseName(first) : `${baseName(first)} + ${paths.length - 1} more`,
    detail: paths.length === 1 ? first : paths.join(', '),
  };
}

/** The selection and the ways to make one. */
export function useInputSelection(client: PhotobatchClient, settings: AppSettings) {
  const [selection, setSelection] = useState<InputSelection | null>(null);
  const [upload, setUpload, setUploadNow] = useRafState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const uploadFiles = useCallback(
    async (files: RelativeFile[]) => {
      if (files.length === 0) {
        // An empty choice replaces the previous one: Start must not go on with the old folder.
        setSelection(null);
        setError(
          'That held no files, so there is nothing to process. Drop a folder of photos, or photo files.',
        );
        return;
      }
      const problem = uploadSizeProblem(files, settings.uploadLimits, formatBytes);
      if (problem) {
        setError(problem);
        return;
      }
      const totalBytes = files.reduce((s, f) => s + f.file.size, 0);
      setError(null);
      setUploadNow({ files: files.length, sentBytes: 0, totalBytes });
      try {
        const { inputDir } = await client.uploadFiles(files, (sentBytes, total) =>
          setUpload({ files: files.length, sentBytes, totalBytes: total }),
        );
        setSelection({
          inputs: [inputDir],
          name: describeSelection(files),
          detail: `${plural(files.length, 'file')} · ${formatBytes(totalBytes)} uploaded`,
        });
      } catch (e) {
        setError(`The upload did not finish: ${errorMessage(e)}`);
      } finally {
        setUploadNow(null);
      }
    },
    [client, settings.uploadLimits, setUpload, setUploadNow],
  );

  /** Real paths the host gave for dropped or picked files; none: they are not on this disk. */
  const takePaths = useCallback((paths: string[]) => {
    if (paths.length === 0) {
      setError(NOT_ON_DISK);
      return;
    }
    setError(null);
    setSelection(pathsSelection(paths));
  }, []);

  /** Files from an `<input type=file>` (folder or files). */
  const takeFileList = useCallback(
    (list: FileList | null) => {
      if (!list) return;
      if (list.length === 0) {
        // A folder with nothing in it: say so, and forget the previous choice.
        setSelection(null);
        setError('That folder holds no files, so there is nothing to process.');
        return;
      }
      const files = Array.from(list);
      // A host that reads files where they are gives paths (none: not from this disk); one
      // that cannot (a browser) gives null, and the files are uploaded instead.
      const paths = client.pathsForDroppedFiles(files);
      if (paths !== null) return takePaths(paths);
      void uploadFiles(filesWithRelativePaths(files));
    },
    [client, uploadFiles, takePaths],
  );

  /** A drop; must be called inside the drop handler (the DataTransfer empties afterwards). */
  const takeDrop = useCallback(
    (dt: DataTransfer) => {
      const captured = captureDrop(dt);
      if (captured.files.length === 0 && captured.entries.length === 0) {
        setError('Nothing to use in that drop. Drop a folder of photos, or photo files.');
        return;
      }
      const paths = client.pathsForDroppedFiles(captured.files);
      if (paths !== null) return takePaths(paths);
      void (async () => {
        try {
          const walked = await walkEntries(captured.entries);
          await uploadFiles([...walked, ...filesWithRelativePaths(captured.looseFiles)]);
        } catch (e) {
          setError(`Could not read what was dropped: ${errorMessage(e)}`);
        }
      })();
    },
    [client, uploadFiles, takePaths],
  );

  /** Electron's native folder picker; false when the host has none (use the file input). */
  const pickFolderNatively = useCallback(async (): Promise<boolean> => {
    if (!client.pickFolder) return false;
    try {
      const path = await client.pickFolder();
      if (path) {
        setError(null);
        setSelection(pathsSelection([path]));
      }
    } catch (e) {
      setError(errorMessage(e));
    }
    return true;
  }, [client]);

  /** A path typed by hand (a folder or file on the machine running the engine). */
  const takeTypedPath = useCallback((text: string) => {
    const path = text.trim();
    if (path === '') return;
    setError(null);
    setSelection(pathsSelection([path]));
  }, []);

  const clear = useCallback(() => {
    setSelection(null);
    setError(null);
  }, []);

  return {
    selection,
    upload,
    error,
    setError,
    takeFileList,
    takeDrop,
    pickFolderNatively,
    takeTypedPath,
    clear,
  };
}
