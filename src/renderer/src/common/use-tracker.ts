// Reads the run tracker's latest published frame into React.
import { useSyncExternalStore } from 'react';
import type { RunTracker, TrackerSnapshot } from './run-tracker.js';

/** The tracker's snapshot; re-renders at most once per animation frame. */
export function useTrackerSnapshot(tracker: RunTracker): TrackerSnapshot {
  return useSyncExternalStore(tracker.subscribe, tracker.getSnapshot, tracker.getSnapshot);
}
