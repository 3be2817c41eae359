import { REQUEST_ALONE_RULES } from "../rules/catalog";
import type { Violation } from "../rules/violation";
import { DecisionFacts } from "../engine/decision-facts";
import { evaluateRules } from "../engine/evaluate-rules";

/**
 * Every rule the request breaks on its own (rules 3–13: its form, its parameters and their
 * values), in precedence order; `[]` when none is broken. These are the violations
 * `listViolations` reports for those rules whatever the state and context, so a caller can
 * answer them before it has loaded a state. Never throws.
 *
 * @example
 * ```ts
 * import { checkRequest } from "rds-backup-rules";
 *
 * expect(checkRequest("Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Snapshot")).toEqual([]);
 * const broken = checkRequest("Action=CreateBackup&DBInstanceId=rm-1&BackupMethd=Logical&BackupType=Full");
 * expect(broken.map((violation) => violation.rule)).toEqual(["parameter.unknown", "backup-type.invalid-value"]);
 * expect(checkRequest(42)[0]?.rule).toBe("request.malformed");
 * ```
 */
export function checkRequest(request: unknown): Violation[] {
  // Rules 3–13 read only the request's facts; the state and context are never derived here.
  return [...evaluateRules(REQUEST_ALONE_RULES, new DecisionFacts({ kind: "create", state: undefined, request, context: undefined }))];
}
