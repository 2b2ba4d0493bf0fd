/**
 * The window's place in the address's hash, so a reload or back/forward returns to it:
 * `#/process`, `#/run/12`, `#/compare/3,5/base/3`. Anything unreadable is the Process screen.
 */
import { SCREENS, type CompareSelection, type ScreenId } from './screens.js';

/** Where the window is. */
export interface Place {
  screen: ScreenId;
  /** The run being watched on Live run, or the run whose results are shown on Results. */
  runId: number | null;
  compare: CompareSelection;
}

const SCREEN_IDS: ReadonlySet<string> = new Set(SCREENS.map((s) => s.id));

function runIdOf(text: string | undefined): number | null {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Reads a hash (with or without the leading `#`). */
export function parsePlace(hash: string): Place {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const screen = SCREEN_IDS.has(parts[0] ?? '') ? (parts[0] as ScreenId) : 'process';
  const place: Place = { screen, runId: null, compare: { runIds: [], baseline: null } };
  if (screen === 'run' || screen === 'results') place.runId = runIdOf(parts[1]);
  if (screen === 'compare') {
    const runIds = (parts[1] ?? '')
      .split(',')
      .map(runIdOf)
      .filter((id): id is number => id !== null);
    const baseline = parts[2] === 'base' ? runIdOf(parts[3]) : null;
    place.compare = {
      runIds,
      baseline: baseline !== null && runIds.includes(baseline) ? baseline : null,
    };
  }
  return place;
}

/** Writes a place as a hash. */
export function formatPlace(place: Place): string {
  if ((place.screen === 'run' || place.screen === 'results') && place.runId !== null)
    return `#/${place.screen}/${place.runId}`;
  if (place.screen === 'compare' && place.compare.runIds.length > 0) {
    const base = place.compare.baseline !== null ? `/base/${place.compare.baseline}` : '';
    return `#/compare/${place.compare.runIds.join(',')}${base}`;
  }
  return `#/${place.screen}`;
}
