/**
 * Finds runs left `running` by a process that died (crash, kill, power cut) and marks them
 * `interrupted`, so history does not show them running forever.
 */
import type { Database } from 'better-sqlite3';

/**
 * Whether a process with this id exists on this machine. EPERM means it exists but belongs to
 * another user; only ESRCH proves it is gone. Anything else counts as alive, because wrongly
 * interrupting a live run is worse than showing a dead one as running until the next start.
 */
export function isProcessAlive(pid: number): boolean {
  // 0 and negatives address process groups in kill(2): never a run's owner.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Who may be judged dead from here. */
export interface StaleRunCheck {
  /** This machine's host name; runs owned by other hosts are never judged. */
  host: string;
  isAlive: (pid: number) => boolean;
}

/**
 * Marks `interrupted` every `running` run owned by a dead process on this host and returns their
 * ids. A live owner on this host is a run in progress elsewhere (the desktop app and the CLI
 * share the file) and is left alone; so is a run from another host (a database on a shared
 * drive), whose process cannot be checked from here. Items are untouched: pending stays pending,
 * so a resumed run can tell what is left. finished_at stays null: nobody saw it end.
 */
export function markInterruptedRuns(db: Database, check: StaleRunCheck): number[] {
  const running = db
    .prepare<[string], { id: number; owner_pid: number }>(
      `SELECT id, owner_pid FROM runs WHERE status = 'running' AND owner_host = ?`,
    )
    .all(check.host);
  const dead = running.filter((r) => !check.isAlive(r.owner_pid)).map((r) => r.id);
  if (dead.length === 0) return dead;
  // status = 'running' again: the owner cannot have finished it since, but another process
  // opening at the same moment may have marked it already.
  const mark = db.prepare<[number]>(
    `UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'`,
  );
  db.transaction(() => dead.forEach((id) => mark.run(id))).immediate();
  return dead;
}
