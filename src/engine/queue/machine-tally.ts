/**
 * What each machine did for a run, from the results it sent: its lanes (numbered across the run,
 * so two machines' worker 0 are two lanes in the timeline), ok and failed counts, and its CPU.
 * A machine reports the CPU of its worker processes since they started; the run's share is the
 * growth between its first and last result, plus the first task's own time (its CPU before the
 * first result is not known more closely).
 */
import type { MachineShare } from '../../shared/records.js';
import type { ImageLibraryVersions } from '../task-dispatcher.js';
import type { ResultMessage } from './queue-messages.js';

interface Machine {
  figures: MachineShare;
  firstCpu: number;
  firstElapsed: number;
  lastCpu: number;
  peakRssWorkerBytes: number;
  sumPeakRssBytes: number;
}

type Outcome = Extract<ResultMessage, { type: 'outcome' }>;

/** Counts results per machine. */
export class MachineTally {
  private readonly byName = new Map<string, Machine>();
  private readonly laneIds = new Map<string, number>();
  private reported: ImageLibraryVersions | null = null;

  /** Counts one result; returns the run's lane number for it. */
  record(message: Outcome): number {
    let machine = this.byName.get(message.machine.name);
    if (!machine) {
      machine = {
        figures: { ...message.machine, lanes: 0, ok: 0, failed: 0, cpuMs: 0, laneIds: [] },
        firstCpu: message.cpuMs,
        firstElapsed: message.elapsedMs,
        lastCpu: message.cpuMs,
        peakRssWorkerBytes: 0,
        sumPeakRssBytes: 0,
      };
      this.byName.set(message.machine.name, machine);
    }
    const key = `${message.machine.name}\u0000${message.lane}`;
    let lane = this.laneIds.get(key);
    if (lane === undefined) {
      lane = this.laneIds.size;
      this.laneIds.set(key, lane);
      machine.figures.laneIds.push(lane);
      machine.figures.lanes++;
    }
    if (message.ended.kind === 'done') machine.figures.ok++;
    else if (message.ended.kind === 'failed') machine.figures.failed++;
    machine.lastCpu = Math.max(machine.lastCpu, message.cpuMs);
    // A machine's figures only grow while its pool lives (a restarted worker starts again).
    machine.peakRssWorkerBytes = Math.max(
      machine.peakRssWorkerBytes,
      message.peakRssWorkerBytes ?? 0,
    );
    machine.sumPeakRssBytes = Math.max(machine.sumPeakRssBytes, message.sumPeakRssBytes ?? 0);
    machine.figures.cpuMs = Math.round(machine.lastCpu - machine.firstCpu + machine.firstElapsed);
    this.reported ??= message.versions;
    return lane;
  }

  figures(): MachineShare[] {
    return [...this.byName.values()].map((m) => ({
      ...m.figures,
      laneIds: [...m.figures.laneIds],
    }));
  }

  lanes(): number[] {
    return [...this.laneIds.values()];
  }

  /** The largest worker process on any machine, and the sum of every machine's lane peaks. */
  memory(): { peakRssWorkerBytes: number; sumPeakRssBytes: number } {
    const machines = [...this.byName.values()];
    return {
      peakRssWorkerBytes: Math.max(0, ...machines.map((m) => m.peakRssWorkerBytes)),
      sumPeakRssBytes: machines.reduce((sum, m) => sum + m.sumPeakRssBytes, 0),
    };
  }

  /** Worker processes that served the run, on every machine. */
  laneCount(): number {
    return this.laneIds.size;
  }

  cpuMs(): number {
    return [...this.byName.values()].reduce((sum, m) => sum + m.figures.cpuMs, 0);
  }

  versions(): ImageLibraryVersions | null {
    return this.reported;
  }
}
