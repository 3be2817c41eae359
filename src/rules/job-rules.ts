/**
 * The rules of advanceBackupJob: the job, its new status, and the move.
 *
 * | rule | id |
 * |---:|---|
 * | 32 | `job.not-found` |
 * | 33 | `job-status.invalid-value` |
 * | 34 | `job.invalid-transition` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { JOB_STATUSES, isJobStatus, isOngoing, type JobStatus } from "../domain/vocabulary";
import { canMove, movesFrom } from "../domain/job-transitions";
import { cut, oneOf, quote } from "../text/describe";
import { defineDetailedRule, defineRule } from "./rule";

/** The details of `job.invalid-transition`: the job, the move refused, and the statuses it can move to (none once final). */
export interface JobInvalidTransitionDetails {
  readonly jobId: string;
  readonly from: JobStatus;
  readonly to: JobStatus;
  readonly allowed: readonly JobStatus[];
}

/** Rule 32: the update names a job of the instance. */
export const jobNotFound = defineRule({
  id: "job.not-found",
  code: "InvalidBackupJobId.NotFound",
  httpStatus: 404,
  title: "The job exists",
  description: "The update's `jobId` is the id of a job kept in the state (terminal jobs older than 48 hours may have been dropped).",
  requires: ["update", "state"],
  check: ({ update, state }) =>
    update.jobId !== undefined && state.jobs.some((job) => job.jobId === update.jobId)
      ? undefined
      : {
          message: !update.isObject
            ? `The job update must be an object { jobId, status }; received ${update.received}`
            : update.jobId === undefined
              ? `update.jobId must be the BackupJobId string that createBackup returned; received ${update.receivedJobId}`
              : `No backup job ${quote(update.jobId)} is kept for the instance ${quote(state.instanceId)}; pass the BackupJobId that createBackup returned`,
          parameter: update.isObject ? "jobId" : "update",
        },
});

/** Rule 33: the update's status is a job status. */
export const jobStatusInvalidValue = defineRule({
  id: "job-status.invalid-value",
  code: "InvalidBackupStatus.ValueNotSupport",
  httpStatus: 400,
  title: "The status is a job status",
  description: `The update's status is one of ${oneOf(JOB_STATUSES)} (case-sensitive).`,
  requires: ["update"],
  check: ({ update }) =>
    update.status !== undefined && isJobStatus(update.status)
      ? undefined
      : {
          message: `${update.status === undefined ? `update.status must be a string; received ${update.receivedStatus}` : `${quote(update.status)} is not a backup job status`}; use ${oneOf(JOB_STATUSES)}`,
          parameter: "status",
        },
});

/** Rule 34: jobs only move forward, and never out of Finished or Failed. */
export const jobInvalidTransition = defineDetailedRule({
  id: "job.invalid-transition",
  code: "IncorrectBackupJobState",
  httpStatus: 409,
  title: "The job moves forward",
  description:
    "A job moves forward along NoStart → Checking → Preparing → Waiting → Uploading → Finished, skipping steps if need be; " +
    "any ongoing job may move to Failed; Finished and Failed are final. Repeating the current status is an idempotent no-op.",
  requires: ["update", "state"],
  check: ({ update, state }) => {
    const job = state.jobs.find((candidate) => candidate.jobId === update.jobId);
    const to = update.status;
    if (job === undefined || to === undefined || !isJobStatus(to)) return undefined;
    if (to === job.status || canMove(job.status, to)) return undefined;
    return { details: { jobId: job.jobId, from: job.status, to, allowed: movesFrom(job.status) }, parameter: "status" };
  },
  message: ({ jobId, from, to, allowed }: JobInvalidTransitionDetails) =>
    `Backup job ${cut(jobId)} is ${from} and cannot move to ${to}; ${isOngoing(from) ? `it can move to ${oneOf(allowed)}` : "it is final"}`,
});
