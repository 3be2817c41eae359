import { RULES, type BackupDecision, type BackupJob, type InstanceState, type JobDecision, type RuleId, type Violation } from "../index";
import { changedParts, partName, workedExample, type CallPart, type DescribedCall } from "../examples/index";

/**
 * The readable verdict `check` prints: accepted with the BackupJobId and the job, replayed (a retry
 * with the idempotency key of an existing job: that job, the state unchanged), or refused with the
 * rule id, code, HTTP status, message and how to fix it.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { formatDecision } from "./format-decision";
 *
 * const refused = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Snapshot", { now: "2026-03-02T08:00:00Z" });
 * expect(formatDecision(refused)).toContain("REFUSED by rule backup-method.snapshot-requires-cloud-disk");
 * ```
 */
export function formatDecision(decision: BackupDecision, note?: RefusalNote): string {
  return decision.ok ? formatAccepted(decision) : formatViolation(decision.error, note);
}

/**
 * The readable verdict `advance` prints: the job's new status and the new state's version, that
 * nothing changed (a repeat of the current status: the library returns the very state it was
 * given, so there is nothing to store), or the refusal as `check` prints it.
 *
 * @example
 * ```ts
 * import { advanceBackupJob } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { formatJobDecision } from "./format-decision";
 *
 * const state = { ...SAMPLE_INSTANCE, jobs: [{ jobId: "1", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T07:00:00Z" }] } as const;
 * const repeat = advanceBackupJob(state, { jobId: "1", status: "Finished" }, { now: "2026-03-02T08:00:00Z" });
 * expect(formatJobDecision(repeat, state)).toMatch(/^ACCEPTED, NO CHANGE: backup job 1 is already Finished/);
 * ```
 */
export function formatJobDecision(decision: JobDecision, given: InstanceState): string {
  if (!decision.ok) return formatViolation(decision.error);
  const unchanged = decision.state === given;
  return [
    unchanged
      ? `ACCEPTED, NO CHANGE: backup job ${decision.job.jobId} is already ${decision.job.status}`
      : `ACCEPTED: backup job ${decision.job.jobId} is now ${decision.job.status}`,
    ...labelled([
      ["Job", describeJob(decision.job)],
      [
        "New state",
        unchanged ? `none: the state given (version ${given.version ?? 0}) stands, nothing to store` : describeState(decision.state),
      ],
    ]),
  ].join("\n");
}

function describeState(state: InstanceState): string {
  return `version ${state.version ?? 0}, ${state.jobs.length} job(s) kept`;
}

function formatAccepted(decision: Extract<BackupDecision, { ok: true }>): string {
  const { BackupJobId, RequestId } = decision.response;
  const replayed = decision.replayed === true;
  return [
    replayed
      ? `REPLAYED: backup job ${BackupJobId} was created for this idempotency key; nothing new is queued`
      : `ACCEPTED: backup job ${BackupJobId} is queued`,
    ...labelled([
      ["BackupJobId", BackupJobId],
      ["RequestId", RequestId],
      ["Job", describeJob(decision.job)],
      replayed ? ["State", `unchanged, version ${decision.state.version ?? 0}`] : ["New state", describeState(decision.state)],
    ]),
  ].join("\n");
}

/** What the CLI adds to a refusal from what it knows of the call: the cause, when the rule alone does not name it, and its fix. */
export interface RefusalNote {
  readonly cause: string;
  readonly fix: string;
}

/**
 * A violation for people: the rule, code, HTTP status, parameter and message, how to fix it, and
 * a real example of the rule (its worked example: a refused call and the accepted near miss).
 * The fix is the message's own last clause when that is an instruction (messages end with what
 * to do, after a semicolon); it is not restated from elsewhere. A note, when given, names the
 * cause and replaces the fix.
 *
 * @example
 * ```ts
 * import { formatViolation } from "./format-decision";
 *
 * const text = formatViolation({ rule: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403, message: "The instance is Stopped; retry once it is Running" });
 * expect(text).toMatch(/How to fix: +retry once it is Running/);
 * expect(text).toMatch(/Example: +refused: +state rm-demo: MySQL 8\.0 on local_ssd, Stopped/);
 * ```
 */
export function formatViolation(error: Violation, note?: RefusalNote): string {
  const fix = note?.fix ?? howToFix(error.message);
  const known = isRuleId(error.rule);
  return [
    `REFUSED by rule ${error.rule}`,
    ...labelled([
      ["Code", error.code],
      ["HTTP status", String(error.httpStatus)],
      ...(error.parameter === undefined ? [] : [["Parameter", error.parameter] as const]),
      ["Message", error.message],
      ...(note === undefined ? [] : [["Cause", note.cause] as const]),
      ...(fix === undefined ? [] : [["How to fix", fix] as const]),
      ...(known ? exampleRows(error.rule) : []),
      ...(known ? [["More", `rds-backup-rules explain ${error.rule}`] as const] : []),
    ]),
  ].join("\n");
}

function isRuleId(rule: string): boolean {
  return RULES.some((each) => each.id === rule);
}

/** The verbs the rules' messages give their instructions with. */
const INSTRUCTION = /^(add|allocate|check|create|give|list|omit|pass|remove|rename|report|retry|set|use|wait|write)\b/;

/**
 * How to fix a refusal: the message's last clause (after its last "; "), when that clause is an
 * instruction; otherwise nothing (the message then ends with what was received, or with a fact).
 *
 * @example
 * ```ts
 * import { howToFix } from "./format-decision";
 *
 * expect(howToFix("BackupMethod \"physical\" is not valid (did you mean Physical?); use Logical, Physical or Snapshot")).toBe("use Logical, Physical or Snapshot");
 * expect(howToFix('The parameter "x" is not a CreateBackup parameter; did you mean Action?')).toBeUndefined();
 * expect(howToFix("context.now must be an ISO 8601 instant; received null")).toBeUndefined();
 * expect(howToFix("use this, as there is no clause")).toBeUndefined();
 * ```
 */
export function howToFix(message: string): string | undefined {
  const at = message.lastIndexOf("; ");
  const clause = at === -1 ? "" : message.slice(at + 2);
  return INSTRUCTION.test(clause) && !clause.endsWith("?") ? clause : undefined;
}

/** The rule's worked example as two rows of the call that differ: refused, then accepted. */
function exampleRows(ruleId: RuleId): (readonly [string, string])[] {
  const { violating, nearMiss } = workedExample(ruleId);
  const changed = changedParts(violating, nearMiss);
  const kept = (["state", "input", "context"] as const).filter((part) => !changed.includes(part));
  const show = (call: DescribedCall, parts: readonly CallPart[]) => parts.map((part) => `${partName(call, part)} ${call[part]}`).join("; ");
  return [
    ["Example", `refused:  ${show(violating, changed)}`],
    ["", `accepted: ${show(nearMiss, changed)}`],
    ["", `(both with ${show(violating, kept)})`],
  ];
}

/**
 * A job in one line: id, status, mode, method, type, options, creation time, idempotency key.
 *
 * @example
 * ```ts
 * import { describeJob } from "./format-decision";
 *
 * expect(describeJob({ jobId: "7", status: "NoStart", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T08:00:00.000Z" }))
 *   .toBe("7: NoStart, Manual Physical backup, BackupType Auto, created 2026-03-02T08:00:00.000Z");
 * ```
 */
export function describeJob(job: BackupJob): string {
  const options = [
    job.strategy === undefined ? undefined : `BackupStrategy ${job.strategy}`,
    job.dbNames === undefined ? undefined : `DBName ${job.dbNames.join(",")}`,
    `BackupType ${job.backupType}`,
    job.retentionPeriod === undefined ? undefined : `BackupRetentionPeriod ${job.retentionPeriod}`,
  ].filter((option) => option !== undefined);
  const key = job.idempotencyKey === undefined ? "" : `, idempotency key ${JSON.stringify(job.idempotencyKey)}`;
  return `${job.jobId}: ${job.status}, ${job.mode} ${job.method} backup, ${options.join(", ")}, created ${job.createdAt}${key}`;
}

/**
 * Aligned `  Label:  value` lines; an empty label continues the line above.
 *
 * @example
 * ```ts
 * import { labelled } from "./format-decision";
 *
 * expect(labelled([["Code", "X"], ["HTTP status", "400"], ["", "more"]])).toEqual(["  Code:         X", "  HTTP status:  400", "                more"]);
 * ```
 */
export function labelled(pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `  ${(label === "" ? "" : `${label}:`).padEnd(width)}  ${value}`);
}
