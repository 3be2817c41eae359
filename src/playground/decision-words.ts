import { RULES, type BackupDecision, type JobDecision, type RuleId } from "../index";

const NUMBER_OF: ReadonlyMap<string, number> = new Map(RULES.map((rule) => [rule.id, rule.number]));

/**
 * A rule's number in the catalog (the number the docs and the Rules table show), from its id.
 *
 * @example
 * ```ts
 * import { ruleNumberOf } from "./decision-words";
 *
 * expect(ruleNumberOf("parameter.unknown")).toBe(8);
 * ```
 */
export function ruleNumberOf(ruleId: RuleId): number | undefined {
  return NUMBER_OF.get(ruleId);
}

type Refusal = Extract<BackupDecision | JobDecision, { ok: false }>["error"];

const refusedBy = (error: Refusal) => `Refused by rule ${ruleNumberOf(error.rule) ?? "?"}, ${error.rule}: ${error.message}`;

/**
 * The Decision region's summary of a CreateBackup decision: accepted (the job and the new state's
 * version), replayed, or refused (the rule's number and id, and its message).
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { backupSummary } from "./decision-words";
 *
 * const context = { now: "2026-03-02T08:00:00Z", idempotencyKey: "k-1" };
 * const accepted = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", context);
 * expect(backupSummary(accepted)).toBe("Accepted: BackupJobId 1, new state version 1.");
 * const replayed = createBackup(accepted.ok ? accepted.state : SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", context);
 * expect(backupSummary(replayed)).toBe("Replayed: BackupJobId 1, the job created earlier with this idempotency key; the state is unchanged.");
 * const misspelt = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo&BackupMehtod=Physical", context);
 * expect(backupSummary(misspelt)).toMatch(/^Refused by rule 8, parameter\.unknown: The parameter "BackupMehtod" is not a CreateBackup parameter/);
 * ```
 */
export function backupSummary(decision: BackupDecision): string {
  if (!decision.ok) return refusedBy(decision.error);
  return decision.replayed === true
    ? `Replayed: BackupJobId ${decision.response.BackupJobId}, the job created earlier with this idempotency key; the state is unchanged.`
    : `Accepted: BackupJobId ${decision.response.BackupJobId}, new state version ${decision.state.version ?? 0}.`;
}

/**
 * The Job update region's summary of a job update decision: the job's new status, nothing to
 * write, or the refusal.
 *
 * @example
 * ```ts
 * import { advanceBackupJob, createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { jobSummary } from "./decision-words";
 *
 * const context = { now: "2026-03-02T08:00:00Z" };
 * const created = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", context);
 * const state = created.ok ? created.state : SAMPLE_INSTANCE;
 * expect(jobSummary(advanceBackupJob(state, { jobId: "1", status: "Uploading" }, context))).toBe("Accepted: job 1 becomes Uploading (new state version 2).");
 * expect(jobSummary(advanceBackupJob(state, { jobId: "1", status: "NoStart" }, context))).toBe("Accepted, nothing to write: job 1 is already NoStart.");
 * expect(jobSummary(advanceBackupJob(state, { jobId: "1", status: "Running" }, context))).toMatch(/^Refused by rule 33, job-status\.invalid-value: /);
 * ```
 */
export function jobSummary(decision: JobDecision): string {
  if (!decision.ok) return refusedBy(decision.error);
  return decision.changed
    ? `Accepted: job ${decision.job.jobId} becomes ${decision.job.status} (new state version ${decision.state.version ?? 0}).`
    : `Accepted, nothing to write: job ${decision.job.jobId} is already ${decision.job.status}.`;
}

/**
 * What Advance job did, in words: advanced (its new state is now the instance state), nothing to
 * advance, refused, or no decision to act on.
 *
 * @example
 * ```ts
 * import { advanceBackupJob, createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { advanceNote } from "./decision-words";
 *
 * const context = { now: "2026-03-02T08:00:00Z" };
 * const created = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", context);
 * const state = created.ok ? created.state : SAMPLE_INSTANCE;
 * expect(advanceNote(advanceBackupJob(state, { jobId: "1", status: "Finished" }, context))).toBe("Advanced: job 1 is now Finished; its new state (version 2) is the instance state.");
 * expect(advanceNote(advanceBackupJob(state, { jobId: "1", status: "NoStart" }, context))).toBe("Nothing to advance: job 1 is already NoStart; the instance state is unchanged.");
 * expect(advanceNote(advanceBackupJob(state, { jobId: "1", status: "Running" }, context))).toMatch(/^Not advanced: refused by rule 33 \(job-status\.invalid-value\); the instance state is unchanged\.$/);
 * expect(advanceNote(undefined)).toBe("Not advanced: there is no decision on this update.");
 * ```
 */
export function advanceNote(decision: JobDecision | undefined): string {
  if (decision === undefined) return "Not advanced: there is no decision on this update.";
  if (!decision.ok)
    return `Not advanced: refused by rule ${ruleNumberOf(decision.error.rule) ?? "?"} (${decision.error.rule}); the instance state is unchanged.`;
  if (!decision.changed)
    return `Nothing to advance: job ${decision.job.jobId} is already ${decision.job.status}; the instance state is unchanged.`;
  return `Advanced: job ${decision.job.jobId} is now ${decision.job.status}; its new state (version ${decision.state.version ?? 0}) is the instance state.`;
}

/**
 * Why there is no decision: each box that does not read, named, with its problem.
 *
 * @example
 * ```ts
 * import { noDecisionText } from "./decision-words";
 *
 * expect(noDecisionText([{ field: "Context", problem: "line 1, column 1: expected a JSON value, found the end of the text" }])).toBe(
 *   "No decision: the Context box does not read (line 1, column 1: expected a JSON value, found the end of the text).",
 * );
 * ```
 */
export function noDecisionText(failed: readonly { readonly field: string; readonly problem: string }[]): string {
  return `No decision: ${failed.map((each) => `the ${each.field} box does not read (${each.problem})`).join("; ")}.`;
}
