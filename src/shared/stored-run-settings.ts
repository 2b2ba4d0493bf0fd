/**
 * Settings of a stored run as they read today. Runs are stored as JSON and not re-validated on
 * the way out (old runs must stay readable as the schema grows), so a setting added since is
 * filled in here, once, with what such a run really did.
 */
import { METADATA_OF_OLDER_RUNS } from './settings.js';
import type { RunSettings } from './records.js';

/** `settings` with every setting added since it was stored filled in. */
export function withSettingsOfOlderRuns(settings: RunSettings): RunSettings {
  const p = settings.process;
  if (!p || p.metadata !== undefined) return settings;
  return { ...settings, process: { ...p, metadata: METADATA_OF_OLDER_RUNS } };
}
