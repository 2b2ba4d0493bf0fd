/** The store for a CLI invocation: `--db`, else PHOTOBATCH_DB, else the user's data folder. */
import { RunStore } from '../db/run-store.js';
import { resolveDbPath } from '../db/default-db-path.js';
import { CliUsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';

/** Opens the store the desktop app shares. */
export function openStore(io: CliIo, dbFlag: string | undefined): RunStore {
  // `--db ''` (an unset shell variable) must not quietly mean the default database.
  if (dbFlag !== undefined && dbFlag.trim() === '')
    throw new CliUsageError('--db needs the path of a database file, got an empty one');
  return RunStore.open(resolveDbPath({ env: io.env, ...(dbFlag ? { flag: dbFlag } : {}) }));
}
