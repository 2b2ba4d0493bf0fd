/**
 * Paths as the coordinator wrote them, translated for a machine that mounts the shared storage
 * elsewhere (`--map FROM=TO`), and the rule that a task may only touch its run's inputs and
 * output folder: a job in Redis is not trusted to name any other file.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../usage-error.js';

/** One `--map FROM=TO`: paths starting with `from` (whole components) start with `to` here. */
export interface PathMapping {
  from: string;
  to: string;
}

/** Reads the `--map` values; a bad one is a usage error naming it. */
export function parsePathMappings(values: readonly string[]): PathMapping[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    const from = at > 0 ? value.slice(0, at) : '';
    const to = at > 0 ? value.slice(at + 1) : '';
    if (!from || !to || !isAbsolute(from) || !isAbsolute(to)) {
      throw new UsageError(
        `--map must be FROM=TO with two absolute folders (e.g. /mnt/photos=/Volumes/photos), got "${value}"`,
      );
    }
    return { from: resolve(from), to: resolve(to) };
  });
}

/** `path` on this machine: the longest matching `from` wins; unmatched paths are unchanged. */
export function mapPath(path: string, mappings: readonly PathMapping[]): string {
  let best: PathMapping | null = null;
  for (const m of mappings) {
    if (isInside(path, m.from) && (!best || m.from.length > best.from.length)) best = m;
  }
  if (!best) return path;
  const rest = relative(best.from, resolve(path));
  return rest ? resolve(best.to, rest) : best.to;
}

/** True when `path` is `parent` or inside it, compared exactly (after resolving `..`). */
export function isInside(path: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Throws unless `source` is under one of `inputs` and `output`/`temp` under `outDir`. */
export function checkTaskPaths(
  task: { source: string; output: string; temp: string },
  inputs: readonly string[],
  outDir: string,
): void {
  if (!inputs.some((input) => isInside(task.source, input))) {
    throw new Error(`refused ${task.source}: not inside the run's inputs`);
  }
  for (const path of [task.output, task.temp]) {
    if (!isInside(path, outDir)) throw new Error(`refused ${path}: not inside the run's output`);
  }
}

/**
 * The coordinator's path of a file a worker wrote under another name than planned (a numbered
 * one, or a kept original under its own extension): always in the planned output's folder, so
 * it is that folder, as the coordinator names it, and the written file's name.
 */
export function writtenInCoordinatorsTerms(plannedOutput: string, written: string): string {
  return join(dirname(plannedOutput), basename(written));
}
