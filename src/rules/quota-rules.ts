/**
 * The jobs of the instance: one backup at a time, and the daily limit.
 *
 * | rule | id |
 * |---:|---|
 * | 30 | `instance.backup-in-progress` |
 * | 31 | `instance.daily-limit-reached` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { isOngoing, type JobMode, type JobStatus } from "../domain/vocabulary";
import { cut } from "../text/describe";
import { createdAtInstant, formatUtcInstant } from "../time/iso-instant";
import { isWithinDay } from "../time/policy-day";
import { defineDetailedRule } from "./rule";

/** The details of `instance.backup-in-progress`: the ongoing job. */
export interface BackupInProgressDetails {
  readonly job: { readonly jobId: string; readonly mode: JobMode; readonly status: JobStatus };
}

/**
 * The details of `instance.daily-limit-reached`: the limit, the jobs counted against it, and the
 * policy day they were counted in (UTC instants; `end` is when a retry can pass).
 */
export interface DailyLimitReachedDetails {
  readonly limit: number;
  readonly count: number;
  readonly day: { readonly start: string; readonly end: string; readonly timeZone: string };
}

/** Rule 30: one backup at a time. */
export const backupInProgress = defineDetailedRule({
  id: "instance.backup-in-progress",
  code: "BackupJobExists",
  httpStatus: 403,
  title: "No backup is in progress",
  description: "The instance has no ongoing job (NoStart, Checking, Preparing, Waiting or Uploading), whether Manual or Automated.",
  requires: ["state"],
  check: ({ state }) => {
    const ongoing = state.jobs.find((job) => isOngoing(job.status));
    return ongoing === undefined ? undefined : { details: { job: { jobId: ongoing.jobId, mode: ongoing.mode, status: ongoing.status } } };
  },
  message: ({ job }: BackupInProgressDetails) =>
    `The instance already has an ongoing ${job.mode} backup job ${cut(job.jobId)} (${job.status}); retry after it is Finished or Failed`,
});

/** Rule 31: at most `dailyBackupLimit` backups a day that did not fail. */
export const dailyLimitReached = defineDetailedRule({
  id: "instance.daily-limit-reached",
  code: "QuotaExceeded.DailyBackupLimit",
  httpStatus: 403,
  title: "The daily backup limit is not reached",
  description:
    "The jobs created on the current calendar day of the policy's time zone (UTC by default), Manual or Automated, " +
    "that did not fail, number fewer than the policy's `dailyBackupLimit` (20 by default). The day runs from the first instant " +
    "the zone's clocks show the date of `now` to the last: 23 or 25 hours across a daylight-saving change, and longer where " +
    "clocks went back across midnight, so that the date was shown twice.",
  requires: ["state", "context", "policyDay"],
  check: ({ state, context, policyDay }) => {
    let today = 0;
    for (const job of state.jobs) {
      if (job.status !== "Failed" && isWithinDay(createdAtInstant(job.createdAt) ?? NaN, policyDay)) today++;
    }
    if (today < context.dailyBackupLimit) return undefined;
    const day = { start: formatUtcInstant(policyDay.start), end: formatUtcInstant(policyDay.end), timeZone: context.timeZone };
    return { details: { limit: context.dailyBackupLimit, count: today, day } };
  },
  message: ({ limit, count, day }: DailyLimitReachedDetails) =>
    `The instance has ${count} backups today (the day starting ${day.start} in ${day.timeZone}), and the limit is ${limit} a day; retry from ${day.end}`,
});
