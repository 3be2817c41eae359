import { JOB_STATUSES, TERMINAL_JOB_STATUSES, isOngoing, type JobStatus } from "./vocabulary";

/** The ongoing statuses in lifecycle order: NoStart → Checking → Preparing → Waiting → Uploading. */
const LIFECYCLE_ORDER = JOB_STATUSES.filter((status) => isOngoing(status));

/**
 * Where a job may move from each status: forward along NoStart → Checking → Preparing → Waiting →
 * Uploading → Finished, skipping steps (a poller may miss some), and from any ongoing status to
 * Failed. Finished and Failed are terminal. Repeating the current status is not a move; it is an
 * idempotent no-op handled by `advanceBackupJob`. The decisions, rule 34 and the generated state
 * diagram all read this one table.
 *
 * @example
 * ```ts
 * expect(JOB_TRANSITIONS.get("Waiting")).toEqual(["Uploading", "Finished", "Failed"]);
 * expect(JOB_TRANSITIONS.get("Finished")).toEqual([]);
 * ```
 */
export const JOB_TRANSITIONS: ReadonlyMap<JobStatus, readonly JobStatus[]> = new Map(
  JOB_STATUSES.map((from): [JobStatus, readonly JobStatus[]] => {
    if (!isOngoing(from)) return [from, []];
    const later = LIFECYCLE_ORDER.slice(LIFECYCLE_ORDER.indexOf(from) + 1);
    return [from, [...later, ...TERMINAL_JOB_STATUSES]];
  }),
);

/**
 * Whether a job may move from one status to another (a repeat of the same status is not a move).
 *
 * @example
 * ```ts
 * expect(canMove("NoStart", "Finished")).toBe(true);
 * expect(canMove("Uploading", "Checking")).toBe(false);
 * expect(canMove("Failed", "Finished")).toBe(false);
 * ```
 */
export function canMove(from: JobStatus, to: JobStatus): boolean {
  return JOB_TRANSITIONS.get(from)?.includes(to) ?? false;
}
