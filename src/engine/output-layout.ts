/**
 * How the inputs of a run map onto the output folder: one folder input fills it directly; with
 * several inputs each folder gets a subfolder named after it (two inputs both called `photos`
 * become `photos` and `photos-2`, and the user is told), and each file input lands at the top.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isSamePathOrInside, pathKey } from './path-relations.js';

/** One input as the planner sees it. */
export interface InputInfo {
  /** Absolute, as given (the scanner's `root`). */
  path: string;
  /** Real path (links resolved), or `path` when it does not exist. */
  real: string;
  isFile: boolean;
  /** Its subfolder in the output when there are several inputs. */
  topName: string;
  /** It lies inside the output folder, so outputs could land on it. */
  insideOutDir: boolean;
}

/** All inputs, looked up by the scanner's `root`. */
export interface InputLayout {
  inputs: readonly InputInfo[];
  byRoot: ReadonlyMap<string, InputInfo>;
  /** Exactly one input: its tree is the output tree, with no subfolder. */
  single: boolean;
  notices: readonly string[];
}

/** Looks at each input (resolved, duplicates dropped) against the output folder's real path. */
export async function describeInputs(
  inputs: readonly string[],
  outReal: string,
): Promise<InputLayout> {
  const paths = [...new Set(inputs.map((input) => resolve(input)))];
  const takenTopNames = new Set<string>();
  const notices: string[] = [];
  const infos: InputInfo[] = [];
  for (const path of paths) {
    const stats = await stat(path).catch(() => null);
    const real = await realpath(path).catch(() => path);
    const isFile = stats !== null && !stats.isDirectory();
    const wanted = basename(path) || 'input';
    const topName = isFile ? wanted : uniqueTopName(wanted, takenTopNames);
    if (!isFile) takenTopNames.add(topName.toLowerCase());
    if (topName !== wanted) {
      notices.push(
        `Two inputs are named ${wanted}; files from ${path} go to ${topName} in the output folder.`,
      );
    }
    infos.push({ path, real, isFile, topName, insideOutDir: isSamePathOrInside(real, outReal) });
  }
  return {
    inputs: infos,
    byRoot: new Map(infos.map((info) => [info.path, info])),
    single: infos.length === 1,
    notices: infos.length === 1 ? [] : notices,
  };
}

/** The input the output folder is (then every output could replace an original), or null. */
export function sameInputAsOutput(
  layout: InputLayout,
  outDir: string,
  outReal: string,
): string | null {
  for (const input of layout.inputs) {
    if (pathKey(input.path) === pathKey(outDir) || pathKey(input.real) === pathKey(outReal))
      return input.path;
  }
  return null;
}

function uniqueTopName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n += 1) {
    const candidate = `${wanted}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
