/** What machine a run ran on, stored with the run so timings are compared knowingly. */
import os from 'node:os';
import sharp from 'sharp';
import type { MachineInfo } from '../shared/records.js';

/** This machine's figures. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    sharp: sharp.versions.sharp ?? 'unknown',
    libvips: sharp.versions.vips,
  };
}
