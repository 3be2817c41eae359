import { isOngoing } from "../domain/vocabulary";
import { cut } from "../text/describe";
import { parseIsoInstant, formatUtcInstant } from "../time/iso-instant";
import { isWithinDay } from "../time/policy-day";
import { defineRule } from "./rule";

/** Rule 30: one backup at a time. */
export const backupInProgress = defineRule({
  id: "instance.backup-in-progress",
  code: "BackupJobExists",
  httpStatus: 403,
  title: "No backup is in progress",
  description: "The instance has no ongoing job (NoStart, Checking, Preparing, Waiting or Uploading), whether Manual or Automated.",
  requires: ["state"],
  check: ({ state }) => {
    const ongoing = state.jobs.find((job) => isOngoing(job.status));
    return ongoing === undefined
      ? undefined
      : {
          message: `The instance already has an ongoing ${ongoing.mode} backup job ${cut(ongoing.jobId)} (${ongoing.status}); retry after it is Finished or Failed`,
        };
  },
});

/** Rule 31: at most `dailyBackupLimit` backups a day that did not fail. */
export const dailyLimitReached = defineRule({
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
      if (job.status !== "Failed" && isWithinDay(parseIsoInstant(job.createdAt) ?? NaN, policyDay)) today++;
    }
    return today < context.dailyBackupLimit
      ? undefined
      : {
          message:
            `The instance has ${today} backups today (the day starting ${formatUtcInstant(policyDay.start)} in ${context.timeZone}), ` +
            `and the limit is ${context.dailyBackupLimit} a day; retry from ${formatUtcInstant(policyDay.end)}`,
        };
  },
});
