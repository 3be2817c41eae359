import type { BackupDecision, BackupJob, Violation } from "../domain/types";

/**
 * The readable verdict `check` prints: accepted with the BackupJobId and the job, replayed (a retry
 * with the idempotency key of an existing job: that job, the state unchanged), or refused with the
 * rule id, code, HTTP status, message and how to fix it.
 *
 * @example
 * ```ts
 * const refused = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Snapshot", { now: "2026-03-02T08:00:00Z" });
 * expect(formatDecision(refused)).toContain("REFUSED by rule backup-method.snapshot-requires-cloud-disk");
 * ```
 */
export function formatDecision(decision: BackupDecision): string {
  return decision.ok ? formatAccepted(decision) : formatViolation(decision.error);
}

function formatAccepted(decision: Extract<BackupDecision, { ok: true }>): string {
  const { BackupJobId, RequestId } = decision.response;
  const replayed = decision.replayed === true;
  return [
    replayed ? `REPLAYED: backup job ${BackupJobId} was created for this idempotency key; nothing new is queued` : `ACCEPTED: backup job ${BackupJobId} is queued`,
    ...labelled([
      ["BackupJobId", BackupJobId],
      ["RequestId", RequestId],
      ["Job", describeJob(decision.job)],
      replayed
        ? ["State", `unchanged, version ${decision.state.version ?? 0}`]
        : ["New state", `version ${decision.state.version ?? 0}, ${decision.state.jobs.length} job(s) kept`],
    ]),
  ].join("\n");
}

/**
 * A violation for people. The fix is the message's own last clause (messages end with what to
 * do, after a semicolon); it is not restated from elsewhere.
 *
 * @example
 * ```ts
 * const text = formatViolation({ rule: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403, message: "The instance is Stopped; retry once it is Running" });
 * expect(text).toMatch(/How to fix: +retry once it is Running/);
 * ```
 */
export function formatViolation(error: Violation): string {
  const fix = howToFix(error.message);
  return [
    `REFUSED by rule ${error.rule}`,
    ...labelled([
      ["Code", error.code],
      ["HTTP status", String(error.httpStatus)],
      ...(error.parameter === undefined ? [] : [["Parameter", error.parameter] as const]),
      ["Message", error.message],
      ...(fix === undefined ? [] : [["How to fix", fix] as const]),
      ["Example", `rds-backup-rules explain ${error.rule}`],
    ]),
  ].join("\n");
}

/** The part of a message after its last "; ", where messages say what to do. */
function howToFix(message: string): string | undefined {
  const at = message.lastIndexOf("; ");
  return at === -1 ? undefined : message.slice(at + 2);
}

/**
 * A job in one line: id, status, mode, method, type, options, creation time, idempotency key.
 *
 * @example
 * ```ts
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
 * Aligned `  Label:  value` lines.
 *
 * @example
 * ```ts
 * expect(labelled([["Code", "X"], ["HTTP status", "400"]])).toEqual(["  Code:         X", "  HTTP status:  400"]);
 * ```
 */
export function labelled(pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `  ${`${label}:`.padEnd(width)}  ${value}`);
}
