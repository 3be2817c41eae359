import type { DecisionContext, InstanceState } from "../domain/types";
import type { BackupDecision, Violation } from "../rules/violation";
import { BACKUP_RULES, REQUEST_RULES } from "../rules/catalog";
import { acceptBackup, replayBackup } from "../engine/accept-backup";
import { DecisionFacts } from "../engine/decision-facts";
import { evaluateRules, firstViolation } from "../engine/evaluate-rules";
import { replayOf } from "../engine/replay-of";

/**
 * Decides one CreateBackup request for one instance. Refuses with the first violated rule in
 * precedence order, or accepts with a new state (version plus one) holding a queued `NoStart`
 * job. A request that repeats the job carrying `context.idempotencyKey` is a replay: accepted with
 * that job and the input `state` itself (`replayed: true`), whatever has happened since; the same
 * key with a different backup is refused by `idempotency-key.reused`. Pure and total: it reads no
 * clock, never throws, and never modifies its arguments.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 *
 * const state = {
 *   instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd",
 *   status: "Running", databases: ["orders"], jobs: [],
 * } as const;
 * const accepted = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-01-01T00:00:00Z", requestId: "r-1" });
 * expect(accepted.ok && accepted.response).toEqual({ BackupJobId: "1", RequestId: "r-1" });
 *
 * const refused = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Snapshot", { now: "2026-01-01T00:00:00Z" });
 * expect(!refused.ok && refused.error.rule).toBe("backup-method.snapshot-requires-cloud-disk");
 *
 * const keyed = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-01-01T00:00:00Z", idempotencyKey: "k-1" });
 * const retried = keyed.ok && createBackup(keyed.state, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-01-01T00:05:00Z", idempotencyKey: "k-1" });
 * expect(retried && retried.ok && retried.replayed && retried.state === keyed.state && retried.response.BackupJobId).toBe("1");
 * ```
 */
export function createBackup(state: InstanceState, request: unknown, context: DecisionContext): BackupDecision {
  return decideBackup(new DecisionFacts({ kind: "create", state, request, context }), state);
}

/**
 * `createBackup`'s decision on facts already made of its arguments (`state` is the argument
 * itself, which a replay returns): `traceDecision` decides on the very facts it traces.
 *
 * @example
 * ```ts
 * import { DecisionFacts } from "../engine/decision-facts";
 * import { decideBackup } from "./create-backup";
 *
 * const facts = new DecisionFacts({ kind: "create", state: null, request: "", context: { now: new Date(0) } });
 * expect(decideBackup(facts, null as never)).toMatchObject({ ok: false, error: { rule: "state.invalid" } });
 * ```
 */
export function decideBackup(facts: DecisionFacts, state: InstanceState): BackupDecision {
  const refused = firstViolation(REQUEST_RULES, facts);
  if (refused !== undefined) return { ok: false, error: refused };
  // No rule 1–15 is violated, so every input parsed and these facts exist.
  const replayed = replayOf(facts);
  if (replayed !== undefined) return replayBackup(state, replayed, facts.context);
  const blocked = firstViolation(BACKUP_RULES, facts);
  if (blocked !== undefined) return { ok: false, error: blocked };
  return acceptBackup(facts.state, facts.request, facts.context);
}

/**
 * Every rule the request violates, in precedence order; `[]` when `createBackup` would accept.
 * The first element is `createBackup`'s error. Rules whose inputs did not parse are not evaluated,
 * nor rules 16–31 when the request repeats the job carrying its idempotency key (a replay: `[]`
 * when rules 1–14 pass).
 *
 * @example
 * ```ts
 * import { listViolations } from "rds-backup-rules";
 *
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
  return [...violations(new DecisionFacts({ kind: "create", state, request, context }))];
}

/** The violated rules in precedence order: rules 1–15, then, unless the request is a replay, rules 16–31. */
function* violations(facts: DecisionFacts): Generator<Violation, void, undefined> {
  yield* evaluateRules(REQUEST_RULES, facts);
  if (replayOf(facts) === undefined) yield* evaluateRules(BACKUP_RULES, facts);
}
