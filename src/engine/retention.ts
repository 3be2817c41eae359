import type { BackupJob } from "../domain/types";
import { TERMINAL_JOB_RETENTION_MS, isOngoing } from "../domain/vocabulary";
import { createdAtInstant } from "../time/iso-instant";

/**
 * Whether a decision's new state keeps a job: every ongoing job, and every job created within 48
 * hours before `now`. Older Finished and Failed jobs are dropped, so the state stays small
 * however long the instance lives (they can no longer affect any rule: the daily count looks back
 * one day at most).
 *
 * @example
 * ```ts
 * import { isJobKept } from "./retention";
 *
 * const now = Date.parse("2026-01-03T00:00:01Z");
 * const job = { jobId: "1", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" } as const;
 * expect(isJobKept(job, now)).toBe(false);
 * expect(isJobKept({ ...job, status: "Uploading" }, now)).toBe(true);
 * ```
 */
export function isJobKept(job: BackupJob, now: number): boolean {
  if (isOngoing(job.status)) return true;
  const createdAt = createdAtInstant(job.createdAt) ?? now;
  return now - createdAt <= TERMINAL_JOB_RETENTION_MS;
}
