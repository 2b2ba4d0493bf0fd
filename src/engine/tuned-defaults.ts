/**
 * What Tune leaves behind: the combination the window now starts from on this computer, kept in
 * the store's settings beside the remembered ones (src/engine/remembered-settings.ts) with the
 * machine it was measured on, so a database copied to another computer recommends nothing there.
 */
import * as z from 'zod';
import type { MachineInfo } from '../shared/records.js';
import { tunedChoiceSchema } from '../shared/sweep-result.js';
import type { SweepResult, TunedChoice } from '../shared/sweep-result.js';
import type { SettingsMemory } from './remembered-settings.js';

/** Keys in the store's settings table, one per kind of sweep. */
export const TUNED_KEYS = {
  process: 'window.tunedProcess',
  download: 'window.tunedDownload',
} as const satisfies Record<SweepResult['kind'], string>;

type Machine = Pick<MachineInfo, 'cpuModel' | 'cores'>;

const storedSchema = tunedChoiceSchema.extend({
  machine: z.object({ cpuModel: z.string(), cores: z.number().int() }),
});

/** The tune of this kind measured on `machine`, or null (none, another machine's, unreadable). */
export function readTuned(
  memory: SettingsMemory,
  kind: SweepResult['kind'],
  machine: Machine,
): TunedChoice | null {
  const parsed = storedSchema.safeParse(memory.getSetting(TUNED_KEYS[kind]));
  if (!parsed.success) return null;
  const { machine: measuredOn, ...choice } = parsed.data;
  if (measuredOn.cpuModel !== machine.cpuModel || measuredOn.cores !== machine.cores) return null;
  return choice;
}

/** Remembers a tune for this machine. */
export function writeTuned(memory: SettingsMemory, choice: TunedChoice, machine: Machine): void {
  memory.setSetting(TUNED_KEYS[choice.kind], {
    ...tunedChoiceSchema.parse(choice),
    machine: { cpuModel: machine.cpuModel, cores: machine.cores },
  });
}
