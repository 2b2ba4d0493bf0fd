/**
 * Pictures in the window: thumbnails of a selection's photos and of a run's inputs and outputs,
 * and previews of the current settings. The window never names a file by its path; it names a
 * reference the engine handed out, and each host turns that into a URL under `PICTURES_PATH`
 * (the web shell's authenticated route, Electron's app:// protocol).
 */

/** URL path prefix of every picture, on both hosts. */
export const PICTURES_PATH = '/pictures';

/** Long edge in pixels of a grid thumbnail, and of a picture shown large (a preview, its original). */
export const THUMBNAIL_PX = 256;
export const LARGE_PICTURE_PX = 1024;

/** A picture the window may ask for. */
export type PictureRequest =
  /** `large`: the size a preview is shown at (beside it), rather than a grid thumbnail. */
  | { selectionId: string; index: number; large?: boolean }
  | { runId: number; seq: number; side: 'in' | 'out' }
  | { previewId: string };

/** The URL path (below the host's origin) of a picture. */
export function picturePath(request: PictureRequest): string {
  if ('previewId' in request)
    return `${PICTURES_PATH}/preview/${encodeURIComponent(request.previewId)}`;
  if ('selectionId' in request)
    return `${PICTURES_PATH}/selection/${encodeURIComponent(request.selectionId)}/${request.index}${request.large ? '/large' : ''}`;
  return `${PICTURES_PATH}/run/${request.runId}/${request.seq}/${request.side}`;
}

/** One photo of a scanned selection (`inputs:photos`). */
export interface SelectionPhoto {
  index: number;
  /** Path below its input folder (or the file's name): what the grid and alt text say. */
  name: string;
  bytes: number;
  /** From the file's header; null when it could not be read. */
  width: number | null;
  height: number | null;
}

/** What `inputs:photos` answers: the photos a run of these inputs would process, with totals. */
export interface SelectionPhotos {
  /** The reference its thumbnails and previews are asked by. */
  selectionId: string;
  photos: SelectionPhoto[];
  totalBytes: number;
  /** From the headers read; photos whose header could not be read count as the average. */
  megapixels: number;
  /** False when the listing stopped at its limit. */
  complete: boolean;
}

/** What `preview:make` answers: the current settings on one photo, nothing written. */
export interface PreviewResult {
  previewId: string;
  /** The size and dimensions the run's output would have. */
  encodedBytes: number;
  width: number;
  height: number;
  /** What the original is. */
  bytesIn: number;
  /** The format the run would write. */
  format: string;
  /** Time the worker took to make it (decode, operations, encode). */
  ms: number;
}
