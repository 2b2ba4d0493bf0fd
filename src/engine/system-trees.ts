/**
 * The kernel's own trees (/proc, /sys, /dev and file systems like them): windows onto the
 * running system, not storage. Nothing is scanned or written there: a typed `/proc/self` walked
 * the whole machine through `/proc/<pid>/root`, read `/proc/kmsg`, and an output folder under /proc
 * made Node's recursive mkdir spin. Known by path, and by file-system type where a mount of
 * one of them sits elsewhere (statfs' magic numbers, Linux's `include/uapi/linux/magic.h`).
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { realPathOfMaybeMissing } from './output-folder-guard.js';

const SYSTEM_PATHS = ['/proc', '/sys', '/dev'];

const SYSTEM_FS_TYPES: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0x65735543, 'fusectl'],
]);

/** `/proc`, `/sys` or `/dev` when `realPath` is that tree or inside it, else null. */
export function systemPathOf(realPath: string): string | null {
  if (process.platform !== 'linux') return null;
  return SYSTEM_PATHS.find((root) => realPath === root || realPath.startsWith(`${root}/`)) ?? null;
}

/** The kind of system file system `path` (an existing path) is on, e.g. "a proc file system", or null. */
export async function systemFileSystemOf(path: string): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const found = await statfs(path).catch(() => null);
  return found ? systemKind(found.type) : null;
}

function systemKind(type: number | bigint): string | null {
  const name = SYSTEM_FS_TYPES.get(Number(type));
  return name ? `a ${name} file system` : null;
}

/**
 * Where `path` (which may not exist yet) lies in a system tree: "/proc", "a sysfs file system",
 * or null for ordinary storage. Links are resolved first, so `/tmp/link-to-proc/x` counts.
 */
export async function systemTreeOf(path: string): Promise<string | null> {
  const real = await realPathOfMaybeMissing(path);
  const byPath = systemPathOf(real);
  if (byPath) return byPath;
  if (process.platform !== 'linux') return null;
  // statfs needs a path that exists: the nearest existing parent says what `path` would be on
  // (one step per path component, so the walk is bounded).
  for (let at = real; ; at = dirname(at)) {
    const found = await statfs(at).catch(() => null);
    if (found) return systemKind(found.type);
    if (dirname(at) === at) return null;
  }
}
