import type { DecisionContext, InstanceState, JobUpdate } from "../domain/types";
import { ADVANCE_JOB_RULES, BACKUP_RULES, CREATE_BACKUP_RULES } from "../rules/catalog";
import type { BackupDecision, JobDecision } from "../rules/violation";
import { DecisionFacts } from "../engine/decision-facts";
import { replayOf } from "../engine/replay-of";
import { traceRules, type RuleVerdict } from "../engine/trace-rules";
import { decideJobUpdate } from "./advance-backup-job";
import { decideBackup } from "./create-backup";

/** A decision and every rule's verdict on it, in precedence order. */
export interface DecisionTrace<Decision extends BackupDecision | JobDecision = BackupDecision | JobDecision> {
  /** Exactly what `createBackup` (or `advanceBackupJob`) returns for the same arguments. */
  readonly decision: Decision;
  /** One verdict per rule of the operation; the violated ones are `listViolations`' list. */
  readonly rules: readonly RuleVerdict[];
}

/**
 * `createBackup`'s decision with every CreateBackup rule's verdict: `passed`, `violated` (with its
 * violation), or `not-checked` with the reason (a fact it needs was taken away by an earlier
 * violated rule, or the request is a replay, which rules 16–31 do not judge). The violated rules
 * are exactly `listViolations`' list. Pure and total, like `createBackup`.
 *
 * @example
 * ```ts
 * import { traceDecision } from "rds-backup-rules";
 *
 * const state = {
 *   instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "cloud_essd",
 *   status: "Running", databases: ["orders"], jobs: [],
 * } as const;
 * const trace = traceDecision(state, "Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Logical", { now: "2026-01-01T00:00:00Z" });
 * expect(!trace.decision.ok && trace.decision.error.rule).toBe("backup-method.logical-requires-local-disk");
 * expect(trace.rules).toHaveLength(31);
 * expect(trace.rules.filter((rule) => rule.verdict === "violated").map((rule) => rule.number)).toEqual([18]);
 * expect(trace.rules[15]).toEqual({ number: 16, rule: "instance.not-running", verdict: "passed" });
 * ```
 */
export function traceDecision(state: InstanceState, request: unknown, context: DecisionContext): DecisionTrace<BackupDecision> {
  const facts = new DecisionFacts({ kind: "create", state, request, context });
  const replayed = replayOf(facts);
  const notJudged =
    replayed === undefined
      ? undefined
      : {
          rules: BACKUP_RULES,
          reason:
            `Not checked: the request repeats backup job ${replayed.jobId}, created with the same idempotency key, ` +
            "so the answer is that job (a replay) whatever the instance, its jobs and the day's count are now.",
        };
  return { decision: decideBackup(facts, state), rules: traceRules(CREATE_BACKUP_RULES, facts, notJudged) };
}

/**
 * `advanceBackupJob`'s decision with the verdict of each of its rules (1, 2, 32–34), as
 * `traceDecision` gives them for CreateBackup. Pure and total.
 *
 * @example
 * ```ts
 * import { traceJobUpdate } from "rds-backup-rules";
 *
 * const job = { jobId: "7", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" } as const;
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [job] } as const;
 * const trace = traceJobUpdate(state, { jobId: "7", status: "Uploading" }, { now: "2026-01-01T01:00:00Z" });
 * expect(!trace.decision.ok && trace.decision.error.rule).toBe("job.invalid-transition");
 * expect(trace.rules.map((rule) => `${rule.number} ${rule.verdict}`)).toEqual(["1 passed", "2 passed", "32 passed", "33 passed", "34 violated"]);
 * ```
 */
export function traceJobUpdate(state: InstanceState, update: JobUpdate, context: DecisionContext): DecisionTrace<JobDecision> {
  const facts = new DecisionFacts({ kind: "advance", state, update, context });
  return { decision: decideJobUpdate(facts, state), rules: traceRules(ADVANCE_JOB_RULES, facts) };
}
