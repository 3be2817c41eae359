import type { BackupDecision, DecisionContext, InstanceState, Violation } from "../domain/types";
import { CREATE_BACKUP_RULES } from "../rules/catalog";
import { acceptBackup } from "../engine/accept-backup";
import { DecisionFacts } from "../engine/decision-facts";
import { evaluateRules } from "../engine/evaluate-rules";

/**
 * Decides one CreateBackup request for one instance. Refuses with the first violated rule in
 * precedence order, or accepts with a new state (version plus one) holding a queued `NoStart`
 * job. Pure and total: it reads no clock, never throws, and never modifies its arguments.
 *
 * @example
 * ```ts
 * const state = {
 *   instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd",
 *   status: "Running", databases: ["orders"], jobs: [],
 * } as const;
 * const accepted = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-01-01T00:00:00Z", requestId: "r-1" });
 * expect(accepted.ok && accepted.response).toEqual({ BackupJobId: "1", RequestId: "r-1" });
 *
 * const refused = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Snapshot", { now: "2026-01-01T00:00:00Z" });
 * expect(!refused.ok && refused.error.rule).toBe("backup-method.snapshot-requires-cloud-disk");
 * ```
 */
export function createBackup(state: InstanceState, request: unknown, context: DecisionContext): BackupDecision {
  const facts = new DecisionFacts({ kind: "create", state, request, context });
  const first = evaluateRules(CREATE_BACKUP_RULES, facts).next();
  if (!first.done) return { ok: false, error: first.value };
  // No rule is violated, so every input parsed and these facts exist.
  return acceptBackup(facts.view.state, facts.view.request, facts.view.context);
}

/**
 * Every rule the request violates, in precedence order; `[]` when `createBackup` would accept.
 * The first element is `createBackup`'s error. Rules whose inputs did not parse are not evaluated.
 *
 * @example
 * ```ts
 * const state = {
 *   instanceId: "rm-1", engine: "PostgreSQL", engineVersion: "16.0", storageType: "local_ssd",
 *   status: "Stopped", databases: [], jobs: [],
 * } as const;
 * const violations = listViolations(state, { Action: "CreateBackup", DBInstanceId: "rm-1", BackupMethod: "Logical" }, { now: new Date(0) });
 * expect(violations.map((v) => v.rule)).toEqual([
 *   "instance.not-running", "backup-method.logical-requires-mysql", "backup-method.logical-requires-database",
 * ]);
 * ```
 */
export function listViolations(state: InstanceState, request: unknown, context: DecisionContext): Violation[] {
  return [...evaluateRules(CREATE_BACKUP_RULES, new DecisionFacts({ kind: "create", state, request, context }))];
}
