/**
 * `download --process`: each saved file goes to the pool stage the moment it is on disk, planned
 * by the same planner as a process run, with the download folder as the one input and
 * `<folder>/processed` as output. A file that cannot be planned keeps its download: the item
 * fails (or is skipped) with the reason, and the run goes on.
 */
import { dirname, relative } from 'node:path';
import type { PoolStage } from '../pool-stage.js';
import type { RunScope } from '../run-lifecycle.js';
import type { ImageEntry } from '../scan-entry.js';
import type { SavedFile } from './fetch-item.js';

/** Plans and submits one saved file for item `seq`; its end is recorded by the stage. */
export async function startProcessingSaved(
  stage: PoolStage,
  scope: RunScope,
  seq: number,
  saved: SavedFile,
): Promise<void> {
  const root = dirname(saved.savedPath);
  const entry: ImageEntry = {
    source: saved.savedPath,
    root,
    relativePath: relative(root, saved.savedPath),
    size: saved.bytes,
    verdict: 'image',
    format: saved.format,
    // The fetcher checked the bytes as they arrived.
    checked: true,
    // Its line among the URLs: a name template's {index}.
    index: seq + 1,
  };
  let plan;
  try {
    plan = await stage.plan(entry);
  } catch (error) {
    // e.g. the folder became unwritable: the file is saved, the item fails, the run goes on.
    const why = error instanceof Error ? error.message : String(error);
    scope.recorder.finishItem({ seq, status: 'failed', error: `saved, but not processed: ${why}` });
    return;
  }
  // The planner names the saved file (`downloads/a.jpg: …`), which the URL alone would not tell.
  if ('fail' in plan) {
    scope.recorder.finishItem({
      seq,
      status: 'failed',
      error: `saved, but not processed: ${plan.fail}`,
    });
  } else if ('skip' in plan) {
    scope.recorder.finishItem({
      seq,
      status: 'skipped',
      error: `saved, but not processed: ${plan.skip}`,
    });
  } else {
    stage.process(seq, entry, plan);
  }
}
