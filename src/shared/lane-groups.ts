/**
 * A run's worker lanes grouped by the machine that served them, for `show`, `compare` and the
 * window's per-worker timeline. A queue run's lanes are numbered across the run in the order
 * results came back, so machines interleave; grouped, each machine's lanes sit together under its
 * name. A local run (this computer alone) has one unlabelled group: it reads as it always did.
 */
import type { MachineShare } from './records.js';

/** One machine's lanes (null label: this computer, for a local run, or lanes of no machine). */
export interface LaneGroup {
  /** "studio-A (host-2)", or null for a local run. */
  label: string | null;
  lanes: number[];
  ok: number;
  failed: number;
}

/** True when the machines are worth naming: other machines, or more than one (a queue run). */
export function namesMachines(machines: readonly MachineShare[] | undefined): boolean {
  if (!machines || machines.length === 0) return false;
  return machines.length > 1 || machines.some((m) => m.name !== m.host);
}

function labelOf(m: MachineShare): string {
  return m.host && m.host !== m.name ? `${m.name} (${m.host})` : m.name;
}

/**
 * The lanes 0…`laneCount − 1` in groups: by machine (in the machines' order, each one's lanes
 * ascending) when `namesMachines`, then any lane no machine claimed; otherwise one group.
 */
export function laneGroups(
  machines: readonly MachineShare[] | undefined,
  laneCount: number,
): LaneGroup[] {
  const all = Array.from({ length: laneCount }, (_, i) => i);
  if (!namesMachines(machines)) {
    const m = machines?.[0];
    return laneCount > 0
      ? [{ label: null, lanes: all, ok: m?.ok ?? 0, failed: m?.failed ?? 0 }]
      : [];
  }
  const claimed = new Set<number>();
  const groups: LaneGroup[] = machines!.map((m) => {
    const lanes = [...new Set(m.laneIds)].filter((l) => !claimed.has(l)).sort((a, b) => a - b);
    for (const l of lanes) claimed.add(l);
    return { label: labelOf(m), lanes, ok: m.ok, failed: m.failed };
  });
  const rest = all.filter((l) => !claimed.has(l));
  if (rest.length > 0) groups.push({ label: null, lanes: rest, ok: 0, failed: 0 });
  return groups.filter((g) => g.lanes.length > 0 || g.ok + g.failed > 0);
}

/** Where each lane goes when drawn group by group: lane → row (0-based). */
export function rowsByGroup(groups: readonly LaneGroup[]): Map<number, number> {
  const rows = new Map<number, number>();
  for (const g of groups) for (const lane of g.lanes) rows.set(lane, rows.size);
  return rows;
}
