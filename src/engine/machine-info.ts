/**
 * What machine a run ran on, stored with the run so timings are compared knowingly. The image
 * library's versions come from the workers (their `ready` message): the engine never loads sharp,
 * so neither does Electron's main process.
 */
import os from 'node:os';
import type { MachineInfo } from '../shared/records.js';
import type { ImageLibraryVersions } from './task-dispatcher.js';

/** Said for the image library until a worker has reported it (and for runs with no workers). */
export const NOT_REPORTED = 'not used';

/** This machine's figures, with the image library's versions as the workers reported them. */
export function machineInfo(versions: ImageLibraryVersions | null = null): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    sharp: versions?.sharp ?? NOT_REPORTED,
    libvips: versions?.libvips ?? NOT_REPORTED,
  };
}
