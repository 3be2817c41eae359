import fc from "fast-check";
import type { BackupJob } from "../domain/types";
import type { JobStatus } from "../domain/vocabulary";
import type { ContextPlan } from "./context";
import { backupJobsAt, ONGOING_JOB_STATUSES, type JobSlot } from "./instance-state";
import { surelyBeforeToday, surelyToday } from "./zones";

/** What a job history must hold, relative to the context's policy day. */
export type HistoryKind =
  /** No ongoing job, and fewer non-failed jobs today than the limit: rules 30 and 31 pass. */
  | "acceptable"
  /** One or two ongoing jobs (rule 30), with any other jobs. */
  | "ongoing"
  /** No ongoing job, and at least `dailyBackupLimit` non-failed jobs today (rule 31); the limit must be at most 24. */
  | "quota-reached"
  /** Any of the three. */
  | "any";

const TERMINAL: readonly JobStatus[] = ["Finished", "Failed"];

/** The largest number of Finished jobs put on one day, so a limit of 1000 does not make 1000 jobs. */
const MOST_JOBS_TODAY = 24;

/**
 * Jobs of a state, placed relative to the context: Finished jobs today, Failed jobs today (they
 * never count), terminal jobs before today, and ongoing jobs as the kind asks. `createdAt` is
 * written in UTC or at any offset; the order of the jobs is shuffled.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { jobHistory } from "./history";
 *
 * const plan = { now: Date.UTC(2026, 2, 8, 12), timeZone: "America/New_York", dailyBackupLimit: 2 };
 * const histories = sampleValues(jobHistory(plan, "quota-reached"), 10);
 * expect(histories.every((jobs) => jobs.filter((job) => job.status === "Finished").length >= 2)).toBe(true);
 * ```
 */
export function jobHistory(plan: ContextPlan, kind: HistoryKind): fc.Arbitrary<BackupJob[]> {
  const limit = plan.dailyBackupLimit;
  if (kind === "any") {
    const kinds: HistoryKind[] = limit > MOST_JOBS_TODAY ? ["acceptable", "ongoing"] : ["acceptable", "ongoing", "quota-reached"];
    return fc.constantFrom(...kinds).chain((chosen) => jobHistory(plan, chosen));
  }
  const finishedToday =
    kind === "quota-reached"
      ? fc.integer({ min: limit, max: limit + 2 })
      : fc.oneof(
          { weight: 5, arbitrary: fc.integer({ min: 0, max: Math.min(limit - 1, 3) }) },
          { weight: 1, arbitrary: fc.constant(Math.min(limit - 1, MOST_JOBS_TODAY)) },
        );
  const { earliest, latest } = surelyToday(plan.now, plan.timeZone);
  const today = fc.integer({ min: earliest, max: latest });
  const slots = fc
    .record({
      finished: finishedToday.chain((count) => fc.array(today, { minLength: count, maxLength: count })),
      failed: fc.array(today, { maxLength: 2 }),
      earlier: fc.array(surelyBeforeToday(plan.now, plan.timeZone), { maxLength: 3 }),
      ongoing:
        kind === "ongoing"
          ? fc.array(fc.oneof(today, surelyBeforeToday(plan.now, plan.timeZone)), { minLength: 1, maxLength: 2 })
          : fc.constant<number[]>([]),
    })
    .map(({ finished, failed, earlier, ongoing }): JobSlot[] => [
      ...finished.map((instant) => ({ instant, statuses: ["Finished" as const] })),
      ...failed.map((instant) => ({ instant, statuses: ["Failed" as const] })),
      ...earlier.map((instant) => ({ instant, statuses: TERMINAL })),
      ...ongoing.map((instant) => ({ instant, statuses: ONGOING_JOB_STATUSES })),
    ]);
  return slots.chain((list) => {
    const indices = list.map((_, index) => index);
    return fc
      .tuple(backupJobsAt(list), fc.shuffledSubarray(indices, { minLength: list.length, maxLength: list.length }))
      .map(([jobs, order]) => order.map((index) => jobs[index] as BackupJob));
  });
}
